import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/shared/reports/zip';
import { xlsxWorkbook } from '../../../src/shared/reports';

describe('xlsxWorkbook', () => {
  it('writes a workbook that a spreadsheet library reads back, Cyrillic and numbers intact', async () => {
    const bytes = xlsxWorkbook({
      name: 'Звіт 2023',
      rows: [['Номер', 'Найменування', 'Досягнуто'], ['1.1.i2', 'Кількість осіб <охоплених> & "інших"', 9], ['1.2.i1', null, 0]],
      widths: [10, 60, 12],
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Звіт 2023')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Найменування');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(2).value).toBe('Кількість осіб <охоплених> & "інших"');
    expect(sheet.getRow(2).getCell(3).value).toBe(9);
    expect(sheet.getRow(3).getCell(3).value).toBe(0);
    expect(sheet.getRow(3).getCell(2).value).toBeNull();
  });

  it('is reproducible byte for byte', () => {
    const make = () => createHash('sha256').update(xlsxWorkbook({ name: 'a', rows: [['x', 1]] })).digest('hex');
    expect(make()).toBe(make());
  });
});

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789')).toString(16)).toBe('cbf43926');
  });
});
