import { NOT_STATED, youthOfAgeBand } from '../dimensions';

/**
 * Youth under Ukrainian law are people aged 14 to 35. The age bands count them exactly from
 * 14–17 and 18–35 (and from the old 18–34, all of whom are youth); the old 35–59 band mixes
 * 35-year-olds with older people, so a count that holds anyone in it cannot say how many youth it
 * has. See docs/counting-model.md, "Age bands and youth".
 */
export interface YouthFigure {
  /** people certainly aged 14–35 */
  youth: number;
  /** people in a band that straddles 35 (the old 35–59): some of them are youth, how many is unknown */
  undetermined: number;
  /** people whose age band is not stated */
  ageNotStated: number;
  /** true when the youth count is exact: nobody falls in a band that straddles 35 */
  derivable: boolean;
}

/** Youth among counts by age band (cells of a report or of one record). */
export function youthFigure(cells: readonly { ageBand: string; value: number }[]): YouthFigure {
  let youth = 0;
  let undetermined = 0;
  let ageNotStated = 0;
  for (const { ageBand, value } of cells) {
    if (ageBand === NOT_STATED) ageNotStated += value;
    else {
      const kind = youthOfAgeBand(ageBand);
      if (kind === 'yes') youth += value;
      // A band the dimensions do not know cannot be judged either.
      else if (kind === 'partly' || kind === undefined) undetermined += value;
    }
  }
  return { youth, undetermined, ageNotStated, derivable: undetermined === 0 };
}
