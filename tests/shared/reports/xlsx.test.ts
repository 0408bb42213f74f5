import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/shared/reports/zip';
import { xlsxWorkbook } from '../../../src/shared/reports';
import { wrappedLines } from '../../../src/shared/reports/xlsx';

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

  it('prints landscape on A4 fitted to the width, its header row on every page, filtered and frozen below a title', async () => {
    const rows = [['Номер', 'Найменування', 'Досягнуто'], ['1.1.i2', 'Кількість осіб', 9], ['1.2.i1', 'Кількість заходів', 2]];
    const bytes = xlsxWorkbook({ name: 'Звіт 2023', rows, widths: [10, 40, 12], preamble: ['Звіт за 2023 рік', 'Станом на 1 грудня 2026 р.'] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Звіт 2023')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Звіт за 2023 рік');
    expect(sheet.getRow(2).getCell(1).value).toBe('Станом на 1 грудня 2026 р.');
    expect(sheet.getRow(3).getCell(2).value).toBe('Найменування');
    expect(sheet.getRow(3).getCell(2).font?.bold).toBe(true);
    expect(sheet.getRow(4).getCell(2).alignment?.wrapText).toBe(true);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(sheet.autoFilter).toBe('A3:C5');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const xml = new TextDecoder().decode(bytes);
    expect(xml).toContain('<mergeCell ref="A1:C1"/>');
  });

  it('makes a row tall enough for its most wrapped cell', () => {
    expect(wrappedLines('коротко', 20)).toBe(1);
    // 20 units hold 21 letters: "aaaa bbbb cccc dddd eeee" (24) takes two lines.
    expect(wrappedLines('aaaa bbbb cccc dddd eeee', 20)).toBe(2);
    expect(wrappedLines('a\nb', 20)).toBe(2);
    expect(wrappedLines('x'.repeat(45), 20)).toBe(3);
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
