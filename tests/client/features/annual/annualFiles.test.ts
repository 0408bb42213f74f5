import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue as catalogue } from '../../../../src/shared/plan';
import { annualFile } from '../../../../src/client/features/annual/annualFiles';
import { annualFileName } from '../../../../src/shared/reports/annual';
import { deviceReport } from '../../../../src/client/features/reports/reportModel';
import { reportFixture } from '../../../shared/reports/fixtures';

const records = reportFixture().map(({ record, status }) => ({ record, review: status }));

async function annualReport(includePending: boolean) {
  return deviceReport(catalogue, records, { year: 2023, period: { kind: 'year' }, includePending }, '2024-03-01', ['group']);
}

function rowOf(sheet: ExcelJS.Worksheet, number: string): (string | number | null)[] {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell(2).value === number && row.getCell(1).value === 'Індикатор')
      return Array.from({ length: 11 }, (_, i) => row.getCell(i + 1).value as string | number | null);
  }
  throw new Error(`no row ${number}`);
}

describe('the annual report made on the device (offline downloads)', () => {
  it('is an XLSX workbook with the year’s figures by sex, in the plan’s order', async () => {
    const file = annualFile(catalogue, await annualReport(false), 'uk', 'xlsx');
    expect(file.name).toBe('kyiv-1325-annual-report-2023-uk-device.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await file.blob.arrayBuffer()) as ArrayBuffer);
    const sheet = book.getWorksheet('Звіт 2023')!;
    // A title, the "as of" line (the report's day, one full stop after "р."), then the column header.
    expect(sheet.getRow(1).getCell(1).value).toBe(`${catalogue.title.uk}: звіт за 2023 рік`);
    expect(sheet.getRow(2).getCell(1).value).toBe('Станом на 1 березня 2024 р. Враховано лише затверджені записи.');
    expect(sheet.getRow(3).getCell(5).value).toBe('Досягнуто');
    // 1.1.i1: two approved events in 2023 against a target of 4; 1.1.i2: 9 people, 7 women and 2 men.
    expect(rowOf(sheet, '1.1.i1').slice(3, 5)).toEqual([4, 2]);
    expect(rowOf(sheet, '1.1.i2').slice(4, 8)).toEqual([9, 7, 2, 0]);
    expect(rowOf(sheet, '7.3.i1').slice(4, 7)).toEqual([8, 7, 1]);
    expect(rowOf(sheet, '1.1.i1')[9]).toBe('Відставання');
    const first = sheet.getRow(4);
    expect(first.getCell(1).value).toBe('Стратегічна ціль');
  });

  it('counts pending records when asked, and says so in the file name', async () => {
    const file = annualFile(catalogue, await annualReport(true), 'en', 'xlsx');
    expect(file.name).toBe('kyiv-1325-annual-report-2023-en-with-pending-device.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await file.blob.arrayBuffer()) as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    let found: unknown[] = [];
    sheet.eachRow((row) => {
      if (row.getCell(2).value === '1.1.i2') found = [row.getCell(5).value, row.getCell(7).value];
    });
    expect(found).toEqual([14, 7]);
  });

  it('is a CSV with a byte-order mark so Excel shows Cyrillic', async () => {
    const file = annualFile(catalogue, await annualReport(false), 'uk', 'csv');
    const bytes = new Uint8Array(await file.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toMatch(/^Рівень,Номер,Найменування,Ціль,Досягнуто/);
    expect(text).toMatch(/\r\nІндикатор,1\.1\.i2,[^\r]*,,9,7,2,0,/);
  });

  it('names server files without the device mark', () => {
    expect(annualFileName(2022, 'uk', false, 'csv', false)).toBe('kyiv-1325-annual-report-2022-uk.csv');
  });
});
