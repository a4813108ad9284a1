import { formatReviewWarning, reviewWarnings } from '../../src/authoring/review-dates';
import { alpha } from '../doubles/content';

const withDates = (dates: (string | undefined)[]) => ({
  ...alpha,
  documents: dates.map((d, i) => ({ ...alpha.documents[0]!, id: `doc-${i}`, title: `Doc ${i}`, reviewDueDate: d })),
});

describe('policy review dates', () => {
  test('a document past its review date, or with none, is a warning; one in date is not', () => {
    const w = reviewWarnings([withDates(['2023-03-31', '2027-01-01', undefined])], new Date('2026-11-21T10:00:00Z'));
    expect(w.map((x) => [x.documentId, x.dueDate])).toEqual([
      ['doc-0', '2023-03-31'],
      ['doc-2', undefined],
    ]);
    expect(formatReviewWarning(w[0]!)).toContain('was due for review on 2023-03-31');
    expect(formatReviewWarning(w[1]!)).toContain('gives no review date');
  });

  test('the due day itself is still in date', () => {
    expect(reviewWarnings([withDates(['2026-11-21'])], new Date('2026-11-21T23:00:00Z'))).toEqual([]);
  });
});
