import { describe, expect, it } from 'vitest';
import { screenFilesFor } from '../../../src/client/pwa/roleScreens';

const groups = {
  everyone: ['/assets/ReportsScreen-a.js', '/assets/dataSource-b.js'],
  reviewer: ['/assets/ReviewScreen-c.js', '/assets/dataSource-b.js', '/assets/AnnualReportScreen-d.css'],
};

describe('screenFilesFor', () => {
  it('gives field workers and trainers the screens every role sees, not the review screens', () => {
    for (const role of ['field_worker', 'trainer'] as const) expect(screenFilesFor(role, groups)).toEqual(groups.everyone);
  });

  it('gives supervisors and admins the review screens too, each file once', () => {
    for (const role of ['supervisor', 'admin'] as const)
      expect(screenFilesFor(role, groups).sort()).toEqual(['/assets/AnnualReportScreen-d.css', '/assets/ReportsScreen-a.js', '/assets/ReviewScreen-c.js', '/assets/dataSource-b.js']);
  });

  it('gives admins the administration screen as well, and nobody else', () => {
    const withAdmin = { ...groups, admin: ['/assets/AdminScreen-e.js', '/assets/dataSource-b.js'] };
    expect(screenFilesFor('admin', withAdmin)).toContain('/assets/AdminScreen-e.js');
    expect(screenFilesFor('admin', withAdmin).filter((f) => f === '/assets/dataSource-b.js')).toHaveLength(1);
    for (const role of ['field_worker', 'trainer', 'supervisor'] as const) expect(screenFilesFor(role, withAdmin)).not.toContain('/assets/AdminScreen-e.js');
  });

  it('caches nothing when the page carries no list (a dev server, a page of another build)', () => {
    expect(screenFilesFor('supervisor', null)).toEqual([]);
  });
});
