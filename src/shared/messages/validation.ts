import type { LocalizedText } from '../plan/catalogue-schema';
import { rightsMessages } from './rights';

/**
 * Every validation reason, in Ukrainian and English. Schemas carry only the key, so the
 * same rule reads the same in a form, in the server's answer and in a test.
 */
export const validationMessages = {
  required: { uk: "Обов'язкове поле", en: 'This field is required' },
  invalid_type: { uk: 'Неправильний тип значення', en: 'Wrong type of value' },
  invalid_value: { uk: 'Недопустиме значення', en: 'Value is not one of the allowed options' },
  unknown_field: {
    uk: 'Невідоме поле: запис не може містити інших даних (зокрема імен чи контактів осіб)',
    en: 'Unknown field: a record may not hold other data (in particular names or contacts of people)',
  },
  too_long: { uk: 'Занадто довгий текст', en: 'Text is too long' },
  too_short: { uk: 'Занадто короткий текст', en: 'Text is too short' },
  control_character: {
    uk: 'Текст містить недопустимий керівний символ (наприклад, NUL; в однорядковому полі — також табуляцію чи розрив рядка)',
    en: 'The text contains a control character that is not allowed (such as NUL; in a one-line field, also a tab or a line break)',
  },
  malformed_text: {
    uk: 'Текст містить пошкоджений символ Unicode (половину сурогатної пари)',
    en: 'The text contains a broken Unicode character (half of a surrogate pair)',
  },
  count_integer: { uk: 'Кількість має бути цілим числом', en: 'A count must be a whole number' },
  count_non_negative: { uk: "Кількість не може бути від'ємною", en: 'A count cannot be negative' },
  count_too_large: { uk: 'Кількість завелика', en: 'The count is too large' },
  total_mismatch: { uk: 'Разом не дорівнює сумі складових', en: 'The total does not equal the sum of its parts' },
  contacts_below_persons: {
    uk: 'У цій клітинці звернень (консультацій, дзвінків) менше, ніж осіб: кожна врахована особа мала щонайменше одне звернення',
    en: 'This cell has fewer contacts (consultations, calls) than persons: every person counted had at least one contact',
  },
  also_in_exceeds_persons: {
    uk: 'До цієї групи додатково віднесено більше осіб, ніж враховано в інших групах: особа не може бути врахована в одній групі двічі',
    en: 'More people are marked as also in this group than are counted in the other groups: nobody can be counted twice in one group',
  },
  duplicate_cell: { uk: 'Ця комбінація ознак уже є в таблиці', en: 'This combination of dimensions appears twice' },
  dimension_missing: { uk: 'Індикатор вимагає розбивки за цією ознакою', en: 'The indicator asks for a breakdown by this dimension' },
  dimension_value: { uk: 'Недопустиме значення ознаки', en: 'Not a valid value of this dimension' },
  date_format: { uk: 'Дата має бути у форматі РРРР-ММ-ДД', en: 'A date must be written YYYY-MM-DD' },
  date_future: { uk: 'Дата не може бути в майбутньому', en: 'The date cannot be in the future' },
  date_outside_period: { uk: 'Дата поза періодом виконання заходу', en: "The date lies outside the measure's period" },
  date_order: { uk: 'Кінцева дата раніше початкової', en: 'The end date is before the start date' },
  datetime_format: { uk: 'Неправильний формат часу', en: 'Not a valid timestamp' },
  uuid: { uk: 'Ідентифікатор має бути UUID версії 7', en: 'The id must be a version 7 UUID' },
  measure_unknown: { uk: 'Такого заходу немає в плані', en: 'There is no such measure in the plan' },
  plan_unknown: {
    uk: 'Сервер не знає плану (або його версії), за яким зроблено запис',
    en: 'The server does not know the plan (or the plan version) this record was made under',
  },
  indicator_unknown: { uk: 'У заходу немає такого індикатора', en: 'The measure has no such indicator' },
  indicator_not_services: {
    uk: 'Цей індикатор не рахує осіб, які отримали послуги',
    en: 'This indicator does not count people who received services',
  },
  measure_no_events: { uk: 'Індикатори цього заходу не рахують заходи', en: "This measure's indicators do not count events" },
  value_kind: { uk: 'Тип значення не відповідає індикатору', en: 'The kind of value does not match the indicator' },
  document_required: {
    uk: 'Вкажіть документ, що підтверджує виконання',
    en: 'Give the document that shows it was done',
  },
  district_unknown: { uk: 'Такого району немає', en: 'There is no such district' },
  content_hash: { uk: 'Хеш вмісту не відповідає запису', en: 'The content hash does not match the record' },
  revision: { uk: 'Редакція має бути цілим числом від 1', en: 'The revision must be a whole number from 1' },
  database_refused: {
    uk: 'База даних сервера відмовилася зберегти цей запис; інші записи пакета це не зачепило',
    en: "The server's database refused to store this record; the other records of the batch were not affected",
  },
  materials_without_count: {
    uk: 'Вкажіть кількість матеріалів або приберіть їх',
    en: 'Give the number of materials or remove them',
  },
  // A push's per-record refusals on rights share the FieldIssue shape (rights.ts).
  ...rightsMessages,
} satisfies Record<string, LocalizedText>;

export type ValidationMessageKey = keyof typeof validationMessages;

export function isValidationMessageKey(key: string): key is ValidationMessageKey {
  return Object.prototype.hasOwnProperty.call(validationMessages, key);
}
