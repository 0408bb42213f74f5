import type { LocalizedText } from '../plan/catalogue-schema';

/**
 * Why the server refused one record of a push on the pusher's rights (not its content). They
 * travel as the `code` of a FieldIssue in a per-record `rejected` answer, like validation reasons.
 */
export const rightsMessages = {
  team_forbidden: { uk: 'Ви не можете надсилати записи цієї команди', en: 'You may not send records of this team' },
  team_unknown: { uk: 'Такої команди немає', en: 'There is no such team' },
  author_forbidden: { uk: 'Ви можете надсилати лише власні записи', en: 'You may only send records you made' },
  author_unknown: { uk: 'Автора запису немає серед користувачів', en: "The record's author is not a known user" },
  author_not_in_team: {
    uk: 'Автор запису не входить до команди, вказаної в записі',
    en: "The record's author is not a member of the record's team",
  },
  author_is_admin: {
    uk: 'Записи адміністратора може надсилати лише сам адміністратор',
    en: "Only that administrator may send an administrator's records",
  },
} satisfies Record<string, LocalizedText>;

export type RightsMessageKey = keyof typeof rightsMessages;
