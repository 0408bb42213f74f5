import type { LocalizedText } from '../plan/catalogue-schema';
import { sentences } from './dates';

/**
 * The words of the report documents the server and the device both make: the annual report's
 * table and files, the public progress page, and the status of an indicator. The screens' own
 * texts are in the client's locale files.
 */
export const reportWords = {
  level: { uk: 'Рівень', en: 'Level' },
  number: { uk: 'Номер', en: 'Number' },
  title: { uk: 'Найменування', en: 'Title' },
  target: { uk: 'Ціль', en: 'Target' },
  achieved: { uk: 'Досягнуто', en: 'Achieved' },
  women: { uk: 'Жінки / дівчата', en: 'Women / girls' },
  men: { uk: 'Чоловіки / хлопці', en: 'Men / boys' },
  sexNotStated: { uk: 'Стать не зазначено', en: 'Sex not stated' },
  bySex: { uk: 'За статтю', en: 'By sex' },
  byAgeBand: { uk: 'За віком', en: 'By age' },
  byGroup: { uk: 'За соціальними групами', en: 'By social group' },
  byDistrict: { uk: 'За районами', en: 'By district' },
  status: { uk: 'Стан', en: 'Status' },
  shortfall: { uk: 'Примітка щодо недоліків', en: 'Note on shortcomings' },
  strategicGoal: { uk: 'Стратегічна ціль', en: 'Strategic goal' },
  operationalGoal: { uk: 'Оперативна ціль', en: 'Operational goal' },
  task: { uk: 'Завдання', en: 'Task' },
  measure: { uk: 'Захід', en: 'Measure' },
  indicator: { uk: 'Індикатор', en: 'Indicator' },
  year: { uk: 'Рік', en: 'Year' },
  /** the annual workbook's sheet, before the year */
  sheet: { uk: 'Звіт', en: 'Report' },
} satisfies Record<string, LocalizedText>;

export const statusWords = {
  met: { uk: 'Виконано', en: 'Met' },
  on_track: { uk: 'За графіком', en: 'On track' },
  behind: { uk: 'Відставання', en: 'Behind' },
  no_data: { uk: 'Немає даних', en: 'No data' },
  no_target: { uk: 'Без кількісної цілі', en: 'No numeric target' },
  not_scheduled: { uk: 'Не заплановано на цей рік', en: 'Not scheduled this year' },
} satisfies Record<string, LocalizedText>;

/** The annual report's title and "as of" lines, the same on paper, in XLSX and on screen. */
export const annualWords = {
  heading: (plan: string, year: number): LocalizedText => ({ uk: `${plan}: звіт за ${year} рік`, en: `${plan}: report for ${year}` }),
  asOf: (date: string): LocalizedText => ({ uk: `Станом на ${date}`, en: `As of ${date}` }),
  basisApproved: { uk: 'Враховано лише затверджені записи.', en: 'Approved records only.' },
  basisPending: { uk: 'Враховано також ще не затверджені записи.', en: 'Records not yet approved are included.' },
  /** a measure a later revision of the plan removed: its records still count */
  withdrawnIn: (version: string): LocalizedText => ({ uk: `Вилучено з плану в редакції ${version}; враховано записи, зроблені до того`, en: `Withdrawn from the plan in revision ${version}; records made before then are counted` }),
  /** a deliverable done in an earlier year of the plan */
  doneIn: (year: number): LocalizedText => ({ uk: `Виконано у ${year} р.`, en: `Done in ${year}` }),
};

/** The annual report's plain-language notes on what falls short. */
export const shortfallWords = {
  notDone: { uk: 'Не виконано у звітному періоді', en: 'Not done in the reporting period' },
  noData: { uk: 'Дані про виконання не надходили', en: 'No data on implementation was recorded' },
  behind: (value: number, target: number | null): LocalizedText => ({
    uk: `Досягнуто ${value} з ${target} запланованих`,
    en: `${value} of ${target} planned achieved`,
  }),
  onTrack: (value: number, target: number | null): LocalizedText => ({
    uk: `Досягнуто ${value} з ${target}; період триває`,
    en: `${value} of ${target} so far; the period is still running`,
  }),
};

/** The public progress page's own sentences (its column heads are reportWords). */
export const publicPageWords = {
  title: { uk: 'Стан виконання плану', en: 'Plan progress' },
  version: (version: number, publishedOn: string, asOf: string): LocalizedText => ({
    uk: sentences([`Версія ${version}, оприлюднена ${publishedOn}`, `Цілі оцінено станом на ${asOf}`]),
    en: sentences([`Version ${version}, published ${publishedOn}`, `Targets judged as of ${asOf}`]),
  }),
  source: {
    uk: 'Лише затверджені записи місяців, які команди закрили (затвердили й заблокували). Цифри змінюються тільки з новою версією.',
    en: 'Approved records of months the teams have closed (approved and locked) only. Figures change only with a new version.',
  },
  legend: (mark: string, threshold: number): LocalizedText => ({
    uk: `«${mark}» — значення не оприлюднено, щоб захистити людей, про яких ідеться: приховано кожну кількість від 1 до ${threshold - 1} осіб і ті значення, з яких її можна було б обчислити (разом із попередніми версіями). Усі приховані значення позначено однаково. Категорії, у яких немає жодної особи, не наведено.`,
    en: `“${mark}”: not published, to protect the people counted: every count of 1 to ${threshold - 1} people is hidden, and so is every figure it could be worked out from (together with earlier versions). Every hidden figure has the same mark. Categories with nobody in them are left out.`,
  }),
  notPublished: (year: number): LocalizedText => ({
    uk: `Дані за ${year} рік ще не оприлюднено.`,
    en: `The figures for ${year} have not been published yet.`,
  }),
  summary: { uk: 'Коротко', en: 'In brief' },
  eventsHeld: { uk: 'Проведено заходів', en: 'Events held' },
  peopleReached: { uk: 'Охоплено осіб', en: 'People reached' },
  measuresOnTrack: { uk: 'Заходів плану виконано або за графіком', en: 'Plan measures met or on track' },
  /** "at least": some of the figures summed are hidden */
  atLeast: (n: number): LocalizedText => ({ uk: `щонайменше ${n}`, en: `at least ${n}` }),
  outOf: (n: number, of: number): LocalizedText => ({ uk: `${n} з ${of}`, en: `${n} of ${of}` }),
  summaryNote: {
    uk: 'Підсумки складено лише з оприлюднених значень; «щонайменше» — частину значень приховано. Заходи плану з оцінкою — ті, що мають кількісну ціль або результат цього року.',
    en: 'The totals add up published figures only; “at least”: some figures are hidden. Plan measures with a verdict are those with a numeric target or a result this year.',
  },
  language: { uk: 'Мова', en: 'Language' },
  years: { uk: 'Інші роки', en: 'Other years' },
  yearLink: (year: number): LocalizedText => ({ uk: `${year} рік`, en: `${year}` }),
  tableScroll: (goal: string): LocalizedText => ({ uk: `Таблиця стратегічної цілі ${goal}, гортається вбік`, en: `Table of strategic goal ${goal}, scrolls sideways` }),
  notInPlan: (year: number, first: number, last: number): LocalizedText => ({
    uk: `${year} рік не належить до плану: він охоплює ${first}–${last} роки.`,
    en: `${year} is not a year of the plan: it covers ${first}–${last}.`,
  }),
  notPublishedMore: {
    uk: 'Показники з’являться тут, коли адміністратор оприлюднить першу версію з закритих місяців.',
    en: 'They will appear here once an administrator publishes the first version from closed months.',
  },
};
