/**
 * Texts the data layer and the API door hand on in both languages (locales/bilingual.ts): they are
 * stored with a record or an error before any screen shows them. Unlike the rest of English
 * (loaded only when chosen), these English texts are always in the app; both locale files include
 * them (uk.ts, en.ts), so screens reach them with the same keys.
 */
export const uk = {
  failure: {
    storageFull:
      'На пристрої закінчилося місце. Останню зміну не збережено; усе збережене раніше на місці. Звільніть місце (фото, відео, інші застосунки) і спробуйте ще раз.',
    writeConflict: 'Запис щойно змінено в іншій вкладці. Відкрийте його ще раз і повторіть зміну.',
    saveFailed: 'Не вдалося зберегти: {{detail}}. Введене не втрачено, спробуйте ще раз.',
    offline: 'Немає зв’язку з сервером. Спробуйте, коли зʼявиться мережа.',
    noLogin: 'Потрібен вхід на сервер (розділ «Хто я»).',
    server: 'Помилка сервера ({{status}})',
    unknown: 'Щось пішло не так. Спробуйте ще раз.',
  },
  /** An answer of the server that its schema does not allow (data/answers.ts). */
  answer: {
    pull: 'отримання змін',
    push: 'надсилання записів',
    login: 'вхід',
    me: 'дані користувача',
    detail: '({{answer}}: {{where}})',
    bad: 'Сервер надіслав відповідь, якої застосунок не розуміє {{detail}}; з неї нічого не збережено. Спробуйте пізніше або оновіть застосунок.',
  },
  /** Why a record was set aside, stored with it. */
  reason: {
    different_content: 'На сервері вже є інша версія цього запису. Відкрийте його і збережіть ще раз: піде нова редакція.',
    stale_revision: 'На сервері вже новіша редакція цього запису (змінено на іншому пристрої).',
    locked_period: 'Місяць цього запису закрито для вашої команди. Попросіть керівника відкрити його, тоді надішліть ще раз.',
    review_rejected: 'Керівник не зарахував запис: {{comment}}',
    review_returned: 'Керівник повернув запис на виправлення: {{comment}}',
    /** the server refused the record and named no field */
    rejected: 'Відхилено',
  },
};
