import { countedPer, dimensionId, indicatorSource, indicatorUnit } from '../../../shared/plan/catalogue-schema';

/**
 * The plan's XLSX template (issue 13): the same plan as the JSON format, laid out so a city
 * coordinator can fill it in with Excel or LibreOffice. One row per measure, one per indicator.
 * Columns are found by their header, so a coordinator may reorder them; sheets by either name.
 */

export interface Words {
  uk: string;
  en: string;
}

export interface Column {
  key: string;
  title: Words;
  help: Words;
  width: number;
  /** kept as text (so "1.10" never becomes the number 1.1) */
  text?: boolean;
  /** allowed values, offered as a drop-down list */
  values?: readonly string[];
}

export interface SheetLayout {
  name: string;
  help: Words;
  columns: Column[];
}

const col = (key: string, uk: string, en: string, helpUk: string, helpEn: string, width: number, extra: Partial<Column> = {}): Column => ({
  key,
  title: { uk, en },
  help: { uk: helpUk, en: helpEn },
  width,
  ...extra,
});

export const header = (c: Column) => `${c.title.uk} / ${c.title.en}`;

/** The "Plan" sheet is a list of fields, one per row: key, field, value. */
export const planSheet: SheetLayout = {
  name: 'План Plan',
  help: { uk: 'Загальні відомості про план: одне поле в рядку, значення у стовпці C.', en: 'The plan itself: one field per row, its value in column C.' },
  columns: [
    col('key', 'Ключ', 'Key', 'Ключ поля; не змінюйте.', 'The field’s key; do not change it.', 18, { text: true }),
    col('field', 'Поле', 'Field', 'Що означає поле.', 'What the field means.', 46),
    col('value', 'Значення', 'Value', 'Значення поля.', 'The field’s value.', 90, { text: true }),
  ],
};

export interface PlanField {
  key: string;
  title: Words;
  optional?: boolean;
}

export const planFields: PlanField[] = [
  { key: 'id', title: { uk: 'Ідентифікатор плану (латиниця, цифри, дефіс)', en: 'Plan id (latin letters, digits, hyphens)' } },
  { key: 'version', title: { uk: 'Версія (нова редакція: та сама ідентифікація, нова версія)', en: 'Version (a new revision keeps the id, has a new version)' } },
  { key: 'title.uk', title: { uk: 'Назва плану, українською', en: 'Plan title, in Ukrainian' } },
  { key: 'title.en', title: { uk: 'Назва плану, англійською', en: 'Plan title, in English' } },
  { key: 'territory.uk', title: { uk: 'Територія, українською', en: 'Territory, in Ukrainian' } },
  { key: 'territory.en', title: { uk: 'Територія, англійською', en: 'Territory, in English' } },
  { key: 'years', title: { uk: 'Роки плану: 2024, 2025 або 2024-2026', en: 'The plan’s years: 2024, 2025 or 2024-2026' } },
  { key: 'approval.by.uk', title: { uk: 'Ким затверджено, українською', en: 'Approved by, in Ukrainian' }, optional: true },
  { key: 'approval.by.en', title: { uk: 'Ким затверджено, англійською', en: 'Approved by, in English' }, optional: true },
  { key: 'approval.date', title: { uk: 'Дата затвердження (РРРР-ММ-ДД; порожньо — не вказано)', en: 'Approval date (YYYY-MM-DD; blank: not stated)' }, optional: true },
  { key: 'approval.source', title: { uk: 'Рядок дати затвердження, як у документі', en: 'The approval date line as written' }, optional: true },
  { key: 'approvedBy.uk', title: { uk: 'Затверджено (старий формат), українською', en: 'Approved by (older form), in Ukrainian' }, optional: true },
  { key: 'approvedBy.en', title: { uk: 'Затверджено (старий формат), англійською', en: 'Approved by (older form), in English' }, optional: true },
];

const idHelp = { uk: 'Ідентифікатор: латиниця, цифри, дефіс.', en: 'Id: latin letters, digits, hyphens.' };

export const districtsSheet: SheetLayout = {
  name: 'Райони Districts',
  help: { uk: 'Райони території: розріз «район» кожного запису.', en: 'The territory’s districts: the district of every record.' },
  columns: [
    col('id', 'Ідентифікатор', 'Id', idHelp.uk, idHelp.en, 22, { text: true }),
    col('name.uk', 'Назва, укр.', 'Name, uk', 'Назва українською.', 'Name in Ukrainian.', 36),
    col('name.en', 'Назва, англ.', 'Name, en', 'Назва англійською.', 'Name in English.', 36),
  ],
};

export const executorsSheet: SheetLayout = {
  name: 'Виконавці Executors',
  help: { uk: 'Відповідальні виконавці: кожен один раз; у заходах — за ідентифікатором.', en: 'Responsible bodies, each once; measures name them by id.' },
  columns: [
    col('id', 'Ідентифікатор', 'Id', idHelp.uk, idHelp.en, 22, { text: true }),
    col('name.uk', 'Назва, укр.', 'Name, uk', 'Повна назва українською.', 'Full name in Ukrainian.', 60),
    col('name.en', 'Назва, англ.', 'Name, en', 'Повна назва англійською.', 'Full name in English.', 60),
    col('short.uk', 'Коротко, укр.', 'Short, uk', 'Коротка назва (необов’язково; тоді обидві мови).', 'Short name (optional; then both languages).', 30),
    col('short.en', 'Коротко, англ.', 'Short, en', 'Коротка назва англійською.', 'Short name in English.', 30),
    col('aliases', 'Інші написання', 'Other spellings', 'Інші написання з документа, по одному в рядку клітинки.', 'Other spellings in the source, one per line of the cell.', 40),
  ],
};

export const programmesSheet: SheetLayout = {
  name: 'Програми Programmes',
  help: { uk: 'Міські цільові програми, до яких входять заходи.', en: 'City target programmes the measures are part of.' },
  columns: [
    col('id', 'Ідентифікатор', 'Id', idHelp.uk, idHelp.en, 26, { text: true }),
    col('title.uk', 'Назва, укр.', 'Title, uk', 'Назва українською.', 'Title in Ukrainian.', 50),
    col('title.en', 'Назва, англ.', 'Title, en', 'Назва англійською.', 'Title in English.', 50),
    col('source', 'Як у документі', 'As written', 'Як програму названо в документі.', 'How the source names it.', 50),
  ],
};

const BY_CONSENT = '(за згодою)';
const DRAFT = '(проект)';
export const marks = { byConsent: [BY_CONSENT, '(by consent)'], draft: [DRAFT, '(draft)'], ongoing: ['постійно', 'ongoing'] } as const;
export const writtenMarks = { byConsent: BY_CONSENT, draft: DRAFT, ongoing: 'постійно' } as const;

export const measuresSheet: SheetLayout = {
  name: 'Заходи Measures',
  help: {
    uk: 'Один рядок — один захід. Цілі й завдання повторюються в кожному рядку (назву досить указати в першому).',
    en: 'One row per measure. Goals and tasks repeat on every row (their titles are enough on the first).',
  },
  columns: [
    col('sg', 'Стратегічна ціль №', 'Strategic goal no.', 'Номер стратегічної цілі: 1, 2, …', 'Strategic goal number: 1, 2, …', 12, { text: true }),
    col('sg.uk', 'Стратегічна ціль, укр.', 'Strategic goal, uk', 'Назва стратегічної цілі українською.', 'Strategic goal title in Ukrainian.', 36),
    col('sg.en', 'Стратегічна ціль, англ.', 'Strategic goal, en', 'Назва стратегічної цілі англійською.', 'Strategic goal title in English.', 36),
    col('og', 'Оперативна ціль №', 'Operational goal no.', 'Номер оперативної цілі: «1.1» під ціллю 1.', 'Operational goal number: "1.1" under goal 1.', 12, { text: true }),
    col('og.uk', 'Оперативна ціль, укр.', 'Operational goal, uk', 'Назва оперативної цілі українською.', 'Operational goal title in Ukrainian.', 36),
    col('og.en', 'Оперативна ціль, англ.', 'Operational goal, en', 'Назва оперативної цілі англійською.', 'Operational goal title in English.', 36),
    col('task', 'Завдання №', 'Task no.', 'Номер завдання; наскрізна нумерація по всьому плану.', 'Task number, numbered across the whole plan.', 10, { text: true }),
    col('task.uk', 'Завдання, укр.', 'Task, uk', 'Назва завдання українською.', 'Task title in Ukrainian.', 36),
    col('task.en', 'Завдання, англ.', 'Task, en', 'Назва завдання англійською.', 'Task title in English.', 36),
    col('measure', 'Захід №', 'Measure no.', '«<номер завдання>.<номер заходу>», напр. 16.2.', '"<task number>.<measure number>", e.g. 16.2.', 10, { text: true }),
    col('text.uk', 'Захід, укр.', 'Measure, uk', 'Зміст заходу українською.', 'The measure in Ukrainian.', 60),
    col('text.en', 'Захід, англ.', 'Measure, en', 'Зміст заходу англійською.', 'The measure in English.', 60),
    col('period.years', 'Роки виконання', 'Years', '2022, 2023 або 2022-2023; «постійно»; порожньо — не вказано.', '2022, 2023 or 2022-2023; "ongoing"; blank: not stated.', 16, { text: true }),
    col('period.source', 'Строк, як у документі', 'Period as written', 'Строк виконання, як у документі.', 'The period as written in the source.', 18, { text: true }),
    col('indicatorText.uk', 'Показники, укр.', 'Indicators, uk', 'Стовпець «індикатори» документа, українською.', 'The source’s indicator column, in Ukrainian.', 50),
    col('indicatorText.en', 'Показники, англ.', 'Indicators, en', 'Те саме англійською.', 'The same in English.', 50),
    col('executors', 'Виконавці', 'Executors', `Ідентифікатори з аркуша «Виконавці» через кому; «${BY_CONSENT}» після ідентифікатора — за згодою.`, `Ids from the Executors sheet, comma-separated; "${BY_CONSENT}" after an id: takes part by consent.`, 36, { text: true }),
    col('programmes', 'Програми', 'Programmes', `Ідентифікатори з аркуша «Програми» через кому; «${DRAFT}» — до проекту програми.`, `Ids from the Programmes sheet, comma-separated; "${DRAFT}": in a draft of the programme.`, 30, { text: true }),
  ],
};

const kinds = ['count', 'deliverable'] as const;
const populations = ['all', 'women', 'children'] as const;

export const indicatorsSheet: SheetLayout = {
  name: 'Показники Indicators',
  help: { uk: 'Один рядок — один показник заходу (те, що рахують звіти).', en: 'One row per indicator of a measure (what reports count).' },
  columns: [
    col('measure', 'Захід №', 'Measure no.', 'Номер заходу з аркуша «Заходи».', 'The measure’s number from the Measures sheet.', 10, { text: true }),
    col('id', 'Показник', 'Indicator', '«<захід>.i<n>», напр. 1.1.i2.', '"<measure>.i<n>", e.g. 1.1.i2.', 12, { text: true }),
    col('kind', 'Вид', 'Kind', 'count — кількісний; deliverable — результат (так/ні з документом).', 'count: a number; deliverable: done or not, with a document.', 12, { text: true, values: kinds }),
    col('text.uk', 'Текст, укр.', 'Text, uk', 'Текст показника українською.', 'The indicator in Ukrainian.', 50),
    col('text.en', 'Текст, англ.', 'Text, en', 'Текст показника англійською.', 'The indicator in English.', 50),
    col('unit', 'Одиниця', 'Unit', 'Що рахують (лише для count).', 'What is counted (count only).', 14, { text: true, values: indicatorUnit.options }),
    col('population', 'Кого рахує', 'Population', 'all — усіх; women — лише жінок; children — дітей. Порожньо — all.', 'all; women: only women; children. Blank: all.', 12, { text: true, values: populations }),
    col('dimensions', 'Розрізи', 'Dimensions', `Через кому: ${dimensionId.options.join(', ')}.`, `Comma-separated: ${dimensionId.options.join(', ')}.`, 20, { text: true }),
    col('target.min', 'Ціль, не менше', 'Target, at least', 'Ціле число; порожньо — ціль не вказано.', 'A whole number; blank: no target stated.', 12),
    col('target.per', 'Ціль за', 'Target per', 'year — на рік; period — за весь строк.', 'year: per year; period: over the whole period.', 10, { text: true, values: countedPer.options }),
    col('target.source', 'Ціль, як у документі', 'Target as written', 'Слова документа, напр. «не менше 4 на рік».', 'The source’s words, e.g. "не менше 4 на рік".', 22),
    col('per', 'Рахується за', 'Counted per', 'year або period; порожньо — як у цілі.', 'year or period; blank: as the target says.', 10, { text: true, values: countedPer.options }),
    col('source', 'Які записи', 'Fed by', 'Які записи рахуються (лише для count).', 'Which records feed it (count only).', 18, { text: true, values: indicatorSource.options }),
  ],
};

export const helpSheetName = 'Довідка Help';

export const dataSheets = [planSheet, districtsSheet, executorsSheet, programmesSheet, measuresSheet, indicatorsSheet] as const;
