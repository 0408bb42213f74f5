import { describe, expect, it } from 'vitest';
import { dimensions } from '../../../src/shared/dimensions';
import { allMeasures, defaultCatalogue } from '../../../src/shared/plan';

/**
 * Every group of people and every sphere (organisation, service) the plan names has a dimension
 * value, so a count is never forced into "other" or "not stated" for want of one. The list below
 * was made by reading the source (/work/shared/seeds/000_fca0d791e246e4f6.txt, via the verbatim
 * Ukrainian of the catalogue) measure by measure, and the titles of goals and tasks above them.
 *
 * `at` is a measure id ("16.3"), or "sg 4", "og 3.2", "task 13"; `phrase` is the source's words,
 * found in that place's Ukrainian text (a measure's text or indicator column). Executors (column 5)
 * are mapped separately below: every body responsible for a measure is a sphere too, since the
 * plan counts trained people "by organisational affiliation" (18.1, 19.1).
 *
 * Left out on purpose, as they name no one group: umbrella words ("різних груп населення",
 * "цільових груп Національного плану", "вразливих груп", "за віком і категоріями") and grounds of
 * discrimination (3.1 "за ознакою статі, віку, інвалідності, етнічної належності"), which say why
 * people are treated unfairly, not whom a measure serves.
 */
interface Named {
  at: string;
  phrase: string;
  dim: 'group' | 'sphere';
  values: string[];
}

const NAMED: Named[] = [
  // Strategic goal 1 and its operational goal 1.1
  { at: 'sg 1', phrase: 'в секторі безпеки і оборони', dim: 'sphere', values: ['security_defence'] },
  { at: 'og 1.1', phrase: 'надання допомоги постраждалим', dim: 'group', values: ['conflict_affected'] },
  // 1.1: people of the Kyiv community
  { at: '1.1', phrase: 'представників/ представниць територіальної громади міста Києва', dim: 'group', values: ['general_population'] },
  // 1.2
  { at: '1.2', phrase: 'різних груп жінок і чоловіків населення', dim: 'group', values: ['general_population'] },
  { at: '1.2', phrase: 'соціальних послуг', dim: 'sphere', values: ['social_services'] },
  // Task 2 and 2.1: staff of the SES and the police (executors)
  { at: 'task 2', phrase: 'у секторі безпеки і оборони', dim: 'sphere', values: ['security_defence'] },
  { at: '2.1', phrase: 'в межах режиму роботи Головного управління', dim: 'sphere', values: ['civil_protection'] },
  // 3.1, 3.2
  { at: '3.1', phrase: 'у виконавчому органі Київської міської ради', dim: 'sphere', values: ['city_administration'] },
  { at: '3.2', phrase: 'що постраждали від дискримінації, сексизму', dim: 'group', values: ['discrimination_survivor'] },
  { at: '3.2', phrase: 'сексуальних домагань', dim: 'group', values: ['sexual_harassment_survivor'] },
  // Task 4 and its measures
  { at: 'task 4', phrase: 'жінок, які працюють у державних органах та органах місцевого самоврядування', dim: 'group', values: ['civil_servant'] },
  { at: 'task 4', phrase: 'жінок із числа осіб рядового та начальницького складу служби цивільного захисту', dim: 'group', values: ['security_sector_woman'] },
  { at: 'task 4', phrase: 'служби цивільного захисту', dim: 'sphere', values: ['civil_protection'] },
  { at: 'task 4', phrase: 'курсанток закладів вищої освіти, військових закладів вищої освіти', dim: 'group', values: ['student'] },
  { at: 'task 4', phrase: 'закладів вищої освіти', dim: 'sphere', values: ['education'] },
  { at: '4.1', phrase: 'державних службовців та посадових осіб місцевого самоврядування', dim: 'group', values: ['civil_servant'] },
  { at: '4.2', phrase: 'для жінок, які проходять службу в структурах сектору безпеки і оборони', dim: 'group', values: ['security_sector_woman'] },
  { at: '4.2', phrase: 'які звільнились із структур сектору безпеки і оборони', dim: 'group', values: ['former_security_sector_woman'] },
  { at: '4.3', phrase: 'жінок сектору безпеки', dim: 'group', values: ['security_sector_woman'] },
  // Operational goal 1.2, task 5
  { at: 'og 1.2', phrase: 'в секторі безпеки і оборони', dim: 'sphere', values: ['security_defence'] },
  { at: '5.1', phrase: 'голів та членів конкурсних комісій', dim: 'group', values: ['civil_servant'] },
  { at: '5.1', phrase: 'керівників суб\'єктів господарювання комунального сектора економіки', dim: 'sphere', values: ['municipal_enterprise'] },
  // Task 6
  { at: '6.1', phrase: 'поінформованості громадськості', dim: 'group', values: ['general_population'] },
  // Operational goal 1.3, task 7
  { at: 'og 1.3', phrase: 'інститутів громадянського суспільства', dim: 'sphere', values: ['ngo'] },
  { at: 'og 1.3', phrase: 'особам, які постраждали від конфлікту', dim: 'group', values: ['conflict_affected'] },
  { at: 'task 7', phrase: 'активістами', dim: 'sphere', values: ['community_activist'] },
  { at: '7.1', phrase: 'що включатиме громадські об\'єднання', dim: 'sphere', values: ['ngo'] },
  { at: '7.2', phrase: 'постраждалим від насильства за ознакою статі', dim: 'group', values: ['gbv_survivor'] },
  { at: '7.2', phrase: 'постраждалим від стихійного лиха, катастрофи', dim: 'group', values: ['disaster_affected'] },
  { at: '7.2', phrase: 'бойових дій, терористичних актів, збройних конфліктів, тимчасової окупації', dim: 'group', values: ['conflict_affected'] },
  { at: '7.2', phrase: 'особам з інвалідністю', dim: 'group', values: ['disability'] },
  { at: '7.2', phrase: 'безробітним', dim: 'group', values: ['unemployed'] },
  { at: '7.2', phrase: 'людям похилого віку', dim: 'group', values: ['older_person'] },
  { at: '7.2', phrase: 'партнерських громадських та об\'єднань', dim: 'sphere', values: ['ngo'] },
  { at: '7.2', phrase: 'ініціативних груп', dim: 'sphere', values: ['community_activist'] },
  { at: '7.2', phrase: 'надання соціальних послуг', dim: 'sphere', values: ['social_services'] },
  { at: '7.3', phrase: 'постраждалим від насильства за ознакою статі', dim: 'group', values: ['gbv_survivor'] },
  { at: '7.3', phrase: 'постраждалим від бойових дій, терористичних актів, збройних конфліктів, тимчасової окупації', dim: 'group', values: ['conflict_affected'] },
  { at: '7.3', phrase: 'особам з інвалідністю внаслідок війни', dim: 'group', values: ['war_disability'] },
  // "безробітним / учасникам та учасницям бойових дій" is split by a page break: either unemployed combatants, or both groups.
  { at: '7.3', phrase: 'безробітним учасникам та учасницям бойових дій', dim: 'group', values: ['unemployed', 'combatant_veteran'] },
  // Strategic goal 2: operational goal 2.1, tasks 8 and 9
  { at: 'og 2.1', phrase: 'державних органів', dim: 'sphere', values: ['city_administration', 'district_administration', 'police', 'civil_protection'] },
  { at: 'og 2.1', phrase: 'громадських об\'єднань', dim: 'sphere', values: ['ngo'] },
  { at: 'og 2.1', phrase: 'підприємств, установ та організацій', dim: 'sphere', values: ['business', 'municipal_enterprise'] },
  { at: 'task 8', phrase: 'органів державної влади', dim: 'sphere', values: ['police', 'civil_protection'] },
  { at: 'task 8', phrase: 'представників громадянського суспільства', dim: 'sphere', values: ['ngo', 'community_activist'] },
  { at: '8.1', phrase: 'опитування жінок і чоловіків, хлопців і дівчат', dim: 'group', values: ['general_population'] },
  { at: '8.2', phrase: 'для членів робочої групи', dim: 'sphere', values: ['city_administration'] },
  { at: '9.1', phrase: 'штабу з ліквідації наслідків надзвичайної ситуації виконавчого органу', dim: 'sphere', values: ['city_administration'] },
  { at: '9.1', phrase: 'міська та районні евакуаційні комісії', dim: 'sphere', values: ['city_administration', 'district_administration'] },
  { at: '9.1', phrase: 'спеціальної комісії з ліквідації наслідків надзвичайних ситуацій', dim: 'sphere', values: ['civil_protection'] },
  // Operational goal 2.2, tasks 10 and 11
  { at: 'og 2.2', phrase: 'територіальної громади міста Києва населення України', dim: 'group', values: ['general_population'] },
  { at: '10.1', phrase: 'серед різних груп населення', dim: 'group', values: ['general_population'] },
  { at: '10.2', phrase: 'для педагогічних працівників', dim: 'group', values: ['educator'] },
  { at: '10.2', phrase: 'здобувачів освіти', dim: 'group', values: ['student'] },
  { at: '10.2', phrase: 'у дітей, які постраждали від конфліктів', dim: 'group', values: ['child', 'conflict_affected'] },
  { at: '10.3', phrase: 'у закладах освіти', dim: 'sphere', values: ['education'] },
  { at: '10.3', phrase: 'охоплених дівчат та хлопців', dim: 'group', values: ['student'] },
  { at: 'task 11', phrase: 'раннього оповіщення населення', dim: 'group', values: ['general_population'] },
  { at: '11.1', phrase: 'через засоби масової інформації', dim: 'sphere', values: ['media'] },
  { at: '11.1', phrase: 'операторів мобільного зв\'язку', dim: 'sphere', values: ['business'] },
  { at: '11.2', phrase: 'представників структурних підрозділів виконавчого органу', dim: 'sphere', values: ['city_administration'] },
  { at: '11.2', phrase: 'районних в місті Києві державних адміністрацій', dim: 'sphere', values: ['district_administration'] },
  { at: '11.2', phrase: 'інших зацікавлених структур', dim: 'sphere', values: ['other'] },
  { at: '11.2', phrase: 'фахівців та фахівчинь із соціальної роботи', dim: 'sphere', values: ['social_services'] },
  { at: '11.2', phrase: 'осіб, які постраждали від домашнього насильства', dim: 'group', values: ['domestic_violence_survivor'] },
  { at: '11.2', phrase: 'насильства за ознакою статі', dim: 'group', values: ['gbv_survivor'] },
  { at: '11.2', phrase: 'сексуального насильства пов\'язаного з конфліктом', dim: 'group', values: ['crsv_survivor'] },
  { at: '11.2', phrase: 'працівників і працівниць притулків', dim: 'sphere', values: ['shelter'] },
  { at: '11.2', phrase: 'притулків, поліції', dim: 'sphere', values: ['police'] },
  { at: '11.2', phrase: 'представників громадських об\'єднань', dim: 'sphere', values: ['ngo'] },
  { at: '11.2', phrase: 'активістів громади', dim: 'sphere', values: ['community_activist'] },
  { at: '11.3', phrase: 'громадських просторів територіальної громади міста Києва', dim: 'group', values: ['general_population'] },
  { at: '11.4', phrase: 'через засоби масової інформації', dim: 'sphere', values: ['media'] },
  { at: '11.4', phrase: 'про заклади охорони здоров\'я', dim: 'sphere', values: ['health'] },
  { at: '11.4', phrase: 'інформування територіальної громади міста Києва', dim: 'group', values: ['general_population'] },
  // Strategic goal 3: operational goal 3.2, tasks 12 to 14
  { at: 'og 3.2', phrase: 'осіб, які постраждали від конфлікту', dim: 'group', values: ['conflict_affected'] },
  { at: 'og 3.2', phrase: 'адміністративних, медичних та соціальних послуг', dim: 'sphere', values: ['administrative_services', 'health', 'social_services'] },
  { at: 'task 12', phrase: 'адміністративних, медичних та соціальних послуг', dim: 'sphere', values: ['administrative_services', 'health', 'social_services'] },
  { at: 'task 12', phrase: 'надання правової допомоги', dim: 'sphere', values: ['legal_aid'] },
  { at: 'task 12', phrase: 'різними групами жінок і чоловіків, які постраждали від конфлікту', dim: 'group', values: ['conflict_affected'] },
  { at: '12.1', phrase: 'для працівників виконавчого органу Київської міської ради', dim: 'sphere', values: ['city_administration'] },
  { at: '12.1', phrase: 'підприємств, установ, організацій територіальної громади міста Києва', dim: 'sphere', values: ['municipal_enterprise'] },
  { at: '12.2', phrase: 'різних груп жінок і чоловіків, які постраждали від конфлікту', dim: 'group', values: ['conflict_affected'] },
  { at: '12.2', phrase: 'адміністративних, медичних та соціальних послуг', dim: 'sphere', values: ['administrative_services', 'health', 'social_services'] },
  { at: '12.3', phrase: 'адміністративні, медичні та соціальні послуги, правову допомогу', dim: 'sphere', values: ['administrative_services', 'health', 'social_services', 'legal_aid'] },
  { at: '12.3', phrase: 'спеціалістів територіальних центрів соціального обслуговування', dim: 'sphere', values: ['social_services'] },
  { at: 'task 13', phrase: 'медичної та соціально-психологічної допомоги', dim: 'sphere', values: ['health', 'social_services'] },
  { at: 'task 13', phrase: 'особам, які постраждали від конфлікту', dim: 'group', values: ['conflict_affected'] },
  { at: '13.1', phrase: 'для постраждалих осіб', dim: 'group', values: ['conflict_affected'] },
  { at: '13.1', phrase: 'мобільних бригад соціально-психологічної допомоги', dim: 'sphere', values: ['social_services'] },
  { at: '13.2', phrase: 'населенню', dim: 'group', values: ['general_population'] },
  { at: '13.2', phrase: 'які постраждали від конфлікту', dim: 'group', values: ['conflict_affected'] },
  { at: '13.2', phrase: 'сексуального насильства пов\'язаного з конфліктом', dim: 'group', values: ['crsv_survivor'] },
  { at: '13.2', phrase: 'сексуальних домагань', dim: 'group', values: ['sexual_harassment_survivor'] },
  // Sexual violence outside conflict is a form of gender-based violence.
  { at: '13.2', phrase: 'інших форм сексуального насильства в публічних просторах', dim: 'group', values: ['gbv_survivor'] },
  { at: '13.3', phrase: 'жінкам і дівчатам, які постраждали від конфлікту', dim: 'group', values: ['conflict_affected'] },
  { at: '13.3', phrase: 'медичної та консультативної допомоги з питань репродуктивного здоров\'я', dim: 'sphere', values: ['health'] },
  { at: 'task 14', phrase: 'жінок, які постраждали від конфлікту', dim: 'group', values: ['conflict_affected'] },
  { at: '14.1', phrase: 'для постраждалих осіб', dim: 'group', values: ['conflict_affected'] },
  // Strategic goal 4: operational goals 4.2 to 4.4, tasks 15 to 17
  { at: 'sg 4', phrase: 'від насильства за ознакою статі, сексуального насильства', dim: 'group', values: ['gbv_survivor', 'crsv_survivor'] },
  { at: 'og 4.2', phrase: 'осіб, які постраждали від насильства за ознакою статі та сексуального насильства, пов\'язаного з конфліктом', dim: 'group', values: ['gbv_survivor', 'crsv_survivor'] },
  { at: '15.1', phrase: 'стосовно домашнього насильства та/або насильства за ознакою статі', dim: 'group', values: ['domestic_violence_survivor', 'gbv_survivor'] },
  { at: '15.1', phrase: 'психологів міської Служби «телефону довіри»', dim: 'sphere', values: ['social_services'] },
  { at: '15.2', phrase: 'постраждалих від домашнього насильства та/або насильства за ознакою статі', dim: 'group', values: ['domestic_violence_survivor', 'gbv_survivor'] },
  { at: '15.2', phrase: 'кризові кімнати, притулки', dim: 'sphere', values: ['shelter'] },
  { at: '15.4', phrase: 'суб\'єктів протидії насильству за ознакою статі', dim: 'sphere', values: ['social_services', 'police'] },
  { at: 'og 4.3', phrase: 'особам, які постраждали від насильства за ознакою статі та сексуального насильства, пов\'язаного з конфліктом', dim: 'group', values: ['gbv_survivor', 'crsv_survivor'] },
  { at: 'task 16', phrase: 'особам, які постраждали від насильства за ознакою статі', dim: 'group', values: ['gbv_survivor'] },
  { at: '16.1', phrase: 'постраждалими від домашнього насильства та/або насильства за ознакою статі', dim: 'group', values: ['domestic_violence_survivor', 'gbv_survivor'] },
  { at: '16.2', phrase: 'постраждалим від домашнього насильства та насильства за ознакою статі', dim: 'group', values: ['domestic_violence_survivor', 'gbv_survivor'] },
  { at: '16.2', phrase: 'у тому числі сексуального насильства', dim: 'group', values: ['gbv_survivor'] },
  { at: '16.3', phrase: 'для батьків та дітей', dim: 'group', values: ['parent', 'child'] },
  { at: '16.3', phrase: 'в закладах охорони здоров\'я', dim: 'sphere', values: ['health'] },
  { at: '16.4', phrase: 'інформування населення', dim: 'group', values: ['general_population'] },
  { at: '16.4', phrase: 'постраждали від домашнього насильства, насильства за ознакою статі та сексуального насильства, пов\'язаного з конфліктом', dim: 'group', values: ['domestic_violence_survivor', 'gbv_survivor', 'crsv_survivor'] },
  { at: '16.4', phrase: 'мешканців громад', dim: 'group', values: ['general_population'] },
  { at: '16.5', phrase: 'членам сімей осіб, які постраждали від насильства за ознакою статі та сексуального насильства, пов\'язаного з конфліктом', dim: 'group', values: ['survivor_family'] },
  { at: '16.5', phrase: 'учасникам та учасницям АТО/ООС', dim: 'group', values: ['combatant_veteran'] },
  { at: '16.6', phrase: 'особам, які постраждали від насильства за ознакою статі та сексуального насильства, пов\'язаного з конфліктом', dim: 'group', values: ['gbv_survivor', 'crsv_survivor'] },
  { at: '16.7', phrase: 'жінок, які постраждали від насильства за ознакою статі/торгівлі людьми', dim: 'group', values: ['gbv_survivor', 'trafficking_survivor'] },
  { at: '16.7', phrase: 'та шукають роботу', dim: 'group', values: ['unemployed'] },
  { at: 'og 4.4', phrase: 'сексуальним домаганням', dim: 'group', values: ['sexual_harassment_survivor'] },
  { at: 'task 17', phrase: 'інформування населення', dim: 'group', values: ['general_population'] },
  { at: '17.1', phrase: 'в суспільстві', dim: 'group', values: ['general_population'] },
  { at: '17.2', phrase: 'інформування населення', dim: 'group', values: ['general_population'] },
  { at: '17.2', phrase: 'з засобами масової інформації, інтернет-ресурсами', dim: 'sphere', values: ['media'] },
  { at: '17.3', phrase: 'постраждалим від конфліктів', dim: 'group', values: ['conflict_affected'] },
  { at: '17.3', phrase: 'гендерно зумовленого насильства', dim: 'group', values: ['gbv_survivor'] },
  { at: '17.3', phrase: 'безоплатної правової допомоги', dim: 'sphere', values: ['legal_aid'] },
  // Task 17 is about gender-based violence, sexual harassment and conflict-related sexual violence.
  { at: '17.4', phrase: 'для постраждалих осіб', dim: 'group', values: ['gbv_survivor', 'sexual_harassment_survivor', 'crsv_survivor'] },
  { at: '17.4', phrase: 'в комунальних закладах міста Києва', dim: 'sphere', values: ['municipal_enterprise'] },
  { at: '17.4', phrase: 'соціальні послуги', dim: 'sphere', values: ['social_services'] },
  // Strategic goal 5: tasks 18 to 21
  { at: 'task 18', phrase: 'насильству за ознакою статі та сексуальному насильству, пов\'язаному з конфліктом', dim: 'group', values: ['gbv_survivor', 'crsv_survivor'] },
  { at: 'task 20', phrase: 'державних органів', dim: 'sphere', values: ['city_administration', 'district_administration', 'police', 'civil_protection'] },
  { at: 'task 20', phrase: 'міжнародних організацій', dim: 'sphere', values: ['international_organisation'] },
  { at: 'task 20', phrase: 'громадських об\'єднань', dim: 'sphere', values: ['ngo'] },
  { at: '20.1', phrase: 'Київської міської та районних координаційних рад', dim: 'sphere', values: ['city_administration', 'district_administration'] },
  { at: '20.1', phrase: 'протидії торгівлі людьми', dim: 'group', values: ['trafficking_survivor'] },
  { at: 'task 21', phrase: 'інформування громадськості', dim: 'group', values: ['general_population'] },
];

/**
 * Measures whose own words name no group or sphere beyond their executors, and why.
 * Everything else must appear in NAMED.
 */
const NAMES_NONE: Record<string, string> = {
  '5.2': 'members of the SES and police commissions: the executors\' spheres',
  '15.3': '"спеціалістів", "тренерів": specialists of the executors\' spheres',
  '18.1': '"суб\'єктів, що здійснюють заходи…": actors of the executors\' spheres',
  '19.1': '"співробітників/ць установ, які відповідальні за виконання міського Плану": the executors themselves',
  '20.2': '"співвиконавцям": the executors themselves',
  '21.1': 'a web page',
  '21.2': 'reports on a web page',
};

/** The sphere of every responsible body (column 5). */
const EXECUTOR_SPHERES: Record<string, string> = {
  'dsp-kmda': 'city_administration',
  'don-kmda': 'city_administration',
  'doz-kmda': 'city_administration',
  'dms-kmda': 'city_administration',
  'dfin-kmda': 'city_administration',
  'dmb-kmda': 'city_administration',
  'dsk-kmda': 'city_administration',
  'ssds-kmda': 'city_administration',
  'kmda-structural-units': 'city_administration',
  kmcss: 'social_services',
  'kmc-gender-equality': 'social_services',
  'kmc-psychological-help': 'social_services',
  'kmc-ato': 'social_services',
  'kyiv-training-centre': 'education',
  'kyiv-employment-centre': 'employment_service',
  rda: 'district_administration',
  'rda-education': 'district_administration',
  'dsns-kyiv': 'civil_protection',
  'dsns-kyiv-psychological-support': 'civil_protection',
  'dsns-kyiv-media-relations': 'civil_protection',
  'npu-kyiv': 'police',
  'patrol-police-kyiv': 'police',
  'legal-aid-right-bank': 'legal_aid',
  'legal-aid-left-bank': 'legal_aid',
  ngos: 'ngo',
  'international-organisations': 'international_organisation',
};

const catalogue = defaultCatalogue;
const measures = allMeasures(catalogue);

function textsAt(at: string): string[] {
  const [kind, number] = at.includes(' ') ? at.split(' ') : ['measure', at];
  const goals = catalogue.strategicGoals;
  const ogs = goals.flatMap((g) => g.operationalGoals);
  const tasks = ogs.flatMap((o) => o.tasks);
  switch (kind) {
    case 'sg':
      return goals.filter((g) => g.number === number).map((g) => g.title.uk);
    case 'og':
      return ogs.filter((o) => o.number === number).map((o) => o.title.uk);
    case 'task':
      return tasks.filter((t) => String(t.number) === number).map((t) => t.title.uk);
    default: {
      const m = measures.find((e) => e.measure.id === number)?.measure;
      return m ? [m.text.uk, m.indicatorText?.uk ?? ''] : [];
    }
  }
}

const live = (dim: 'group' | 'sphere') => new Set(dimensions[dim].values.filter((v) => !v.deprecated).map((v) => v.id));

describe('every group and sphere the plan names', () => {
  it.each(NAMED.map((n) => [`${n.at}: «${n.phrase}»`, n] as const))('%s has a dimension value', (_, n) => {
    const texts = textsAt(n.at);
    expect(texts.length, `${n.at} is a place in the plan`).toBeGreaterThan(0);
    expect(texts.some((t) => t.includes(n.phrase)), `«${n.phrase}» is the source's wording at ${n.at}`).toBe(true);
    expect(n.values.length).toBeGreaterThan(0);
    for (const v of n.values) expect(live(n.dim), `${n.dim} value ${v}`).toContain(v);
  });

  it('was read measure by measure: every measure is listed, or said to name none', () => {
    const listed = new Set(NAMED.map((n) => n.at));
    const missing = measures.map((e) => e.measure.id).filter((id) => !listed.has(id) && !(id in NAMES_NONE));
    expect(missing).toEqual([]);
    for (const id of Object.keys(NAMES_NONE)) expect(measures.some((e) => e.measure.id === id), id).toBe(true);
  });

  it('gives every indicator that asks for groups or spheres something from its own measure to count', () => {
    for (const { measure } of measures)
      for (const i of measure.indicators ?? []) {
        if (i.kind !== 'count') continue;
        for (const dim of ['group', 'sphere'] as const) {
          if (!i.dimensions.includes(dim)) continue;
          const own = NAMED.some((n) => n.at === measure.id && n.dim === dim);
          // Spheres also come from the measure's executors (persons "by organisational affiliation").
          const viaExecutors = dim === 'sphere' && (measure.executors ?? []).length > 0;
          expect(own || viaExecutors, `${i.id} asks for ${dim}`).toBe(true);
        }
      }
  });

  it('gives every responsible body (column 5) a sphere', () => {
    for (const e of catalogue.executors) {
      expect(EXECUTOR_SPHERES, e.id).toHaveProperty(e.id);
      expect(live('sphere'), `${e.id} → ${EXECUTOR_SPHERES[e.id]}`).toContain(EXECUTOR_SPHERES[e.id]);
    }
  });

  it('keeps "not stated" in both dimensions', () => {
    expect(live('group')).toContain('not_stated');
    expect(live('sphere')).toContain('not_stated');
  });
});
