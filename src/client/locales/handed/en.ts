import type { HandedMessages } from '../types';

/** English of the texts handed on in both languages (uk.ts beside this file has the same keys). */
export const en: HandedMessages = {
  failure: {
    storageFull:
      'The device is out of storage. The last change was not saved; everything saved before is intact. Free some space (photos, videos, other apps) and try again.',
    writeConflict: 'The record was just changed in another tab. Open it again and repeat your change.',
    saveFailed: 'Could not save: {{detail}}. What you entered is kept; try again.',
    offline: 'The server cannot be reached. Try again when the network is back.',
    noLogin: 'You need to log in to the server (the "Who am I" section).',
    server: 'Server error ({{status}})',
    unknown: 'Something went wrong. Please try again.',
  },
  answer: {
    pull: 'pull',
    push: 'push',
    login: 'login',
    me: 'user details',
    detail: '({{answer}}: {{where}})',
    bad: 'The server sent an answer the app does not understand {{detail}}; nothing of it was stored. Try again later, or update the app.',
  },
  reason: {
    different_content: 'The server already holds another version of this record. Open it and save again: a new revision will go.',
    stale_revision: 'The server holds a newer revision of this record (changed on another device).',
    locked_period: "This record's month is locked for your team. Ask your supervisor to unlock it, then send again.",
    review_rejected: 'The supervisor did not count this record: {{comment}}',
    review_returned: 'The supervisor returned this record for correction: {{comment}}',
    rejected: 'Rejected',
  },
};
