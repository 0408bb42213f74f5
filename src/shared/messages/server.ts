import type { LocalizedText } from '../plan/catalogue-schema';
import { rightsMessages } from './rights';

/** Every message the API itself writes, Ukrainian first. Record-level reasons are in validation.ts and rights.ts. */
export const serverMessages = {
  not_found: { uk: 'Не знайдено', en: 'Not found' },
  bad_request: { uk: 'Некоректний запит', en: 'Bad request' },
  invalid_json: { uk: 'Тіло запиту не є коректним JSON', en: 'The request body is not valid JSON' },
  unsupported_media_type: { uk: 'Непідтримуваний тип вмісту', en: 'Unsupported content type' },
  validation_failed: { uk: 'Дані запиту не пройшли перевірку', en: 'The request data failed validation' },
  database_unavailable: { uk: 'База даних недоступна', en: 'The database is unavailable' },
  internal: { uk: 'Внутрішня помилка сервера', en: 'Internal server error' },
  token_missing: { uk: 'Потрібно увійти в систему', en: 'You need to log in' },
  token_invalid: { uk: 'Недійсний токен доступу', en: 'The access token is not valid' },
  token_expired: { uk: 'Сеанс завершився: увійдіть знову', en: 'The session has expired: log in again' },
  token_revoked: { uk: 'Сеанс відкликано: увійдіть знову', en: 'The session was revoked: log in again' },
  device_revoked: {
    uk: 'Доступ цього пристрою відкликано адміністратором',
    en: "This device's access was revoked by an administrator",
  },
  bad_credentials: { uk: 'Неправильна електронна пошта або пароль', en: 'Wrong email or password' },
  too_many_attempts: {
    uk: 'Забагато невдалих спроб входу. Спробуйте пізніше',
    en: 'Too many failed login attempts. Try again later',
  },
  forbidden: { uk: 'Недостатньо прав для цієї дії', en: 'You do not have permission for this' },
  account_deactivated: {
    uk: 'Обліковий запис вимкнено: зверніться до адміністратора',
    en: 'This account is deactivated: ask an administrator',
  },
  last_admin: {
    uk: 'Має лишитися хоча б один активний адміністратор',
    en: 'At least one active administrator must remain',
  },
  device_mismatch: {
    uk: 'Пакет надіслано не з того пристрою, для якого видано токен',
    en: 'The batch names a different device than the one the token was issued to',
  },
  client_too_old: {
    uk: 'Ця версія застосунку застаріла для сервера: оновіть застосунок',
    en: 'This version of the app is too old for the server: update the app',
  },
  server_too_old: {
    uk: 'Сервер ще не знає цієї версії застосунку: записи лишаються на пристрої, синхронізація відновиться, щойно сервер оновлять',
    en: 'The server does not know this version of the app yet: records stay on the device, and sync resumes once the server is updated',
  },
  payload_too_large: { uk: 'Запит завеликий', en: 'The request is too large' },
  uri_too_long: { uk: 'Адреса запиту задовга', en: 'The request address is too long' },
  headers_too_large: { uk: 'Заголовки запиту завеликі', en: 'The request headers are too large' },
  request_timeout: {
    uk: 'Запит надходив занадто повільно, з’єднання закрито',
    en: 'The request arrived too slowly; the connection was closed',
  },
  range_not_satisfiable: { uk: 'Запитаний діапазон файлу недоступний', en: 'The requested range of the file is not available' },
  unavailable: { uk: 'Сервер тимчасово недоступний', en: 'The server is temporarily unavailable' },
  server_busy: {
    uk: 'Сервер зараз зайнятий. Записи збережено на пристрої, синхронізація повториться сама',
    en: 'The server is busy right now. The records are kept on the device and sync will try again by itself',
  },
  rate_limited: { uk: 'Забагато запитів. Спробуйте пізніше', en: 'Too many requests. Try again later' },
  batch_too_large: { uk: 'Пакет завеликий', en: 'The batch is too large' },
  record_owner_changed: {
    uk: 'Нова редакція не може змінювати команду чи автора запису',
    en: "A new revision may not change the record's team or author",
  },
  email_taken: { uk: 'Користувач з такою поштою вже існує', en: 'A user with this email already exists' },
  team_name_taken: { uk: 'Команда з такою назвою вже існує', en: 'A team with this name already exists' },
  plan_invalid: { uk: 'План не прийнято: у ньому є помилки', en: 'The plan was not accepted: it has problems' },
  plan_version_taken: {
    uk: 'Версія плану з цим номером уже завантажена з іншим змістом: дайте новій редакції новий номер версії',
    en: 'A plan version with this number was already uploaded with other content: give the new revision a new version',
  },
  plan_not_found: { uk: 'Такого плану на сервері немає', en: 'There is no such plan on the server' },
  team_unknown: rightsMessages.team_unknown,
  district_unknown: { uk: 'Такого району в плані немає', en: 'The plan has no such district' },
  user_unknown: { uk: 'Такого користувача немає', en: 'There is no such user' },
  device_unknown: { uk: 'Такого пристрою немає', en: 'There is no such device' },
  record_unknown: { uk: 'Такого запису немає', en: 'There is no such record' },
  not_latest_revision: {
    uk: 'Запис уже змінено: рішення можна ухвалити лише щодо його останньої редакції',
    en: 'The record has changed: a verdict can only be given on its latest revision',
  },
  month_locked: {
    uk: 'Місяць затверджено й заблоковано: спершу його має розблокувати керівник',
    en: 'The month is approved and locked: a supervisor must unlock it first',
  },
  month_not_reviewed: {
    uk: 'Не всі записи команди за цей місяць затверджено',
    en: 'Not every record of the team in this month has been approved',
  },
  month_not_locked: { uk: 'Цей місяць не заблоковано', en: 'This month is not locked' },
  month_in_future: { uk: 'Місяць ще не настав', en: 'The month has not begun yet' },
  year_not_in_plan: { uk: 'Цей рік не входить до періоду плану', en: "This year is outside the plan's term" },
  not_yet_published: {
    uk: 'Показники за цей рік ще не оприлюднено',
    en: 'The figures for this year have not been published yet',
  },
  nothing_locked: {
    uk: 'Жоден місяць цього року ще не заблоковано: оприлюднювати нічого',
    en: 'No month of this year is locked yet: there is nothing to publish',
  },
  cursor_invalid: { uk: 'Недійсний курсор', en: 'Not a valid cursor' },
  snapshot_unknown: { uk: 'Такої версії оприлюднених показників немає', en: 'There is no such published version' },
} satisfies Record<string, LocalizedText>;

export type ServerMessageKey = keyof typeof serverMessages;
