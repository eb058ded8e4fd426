import { DEFAULT_FOLLOW_UP_POLICY } from '../policy/follow-up-policy.js';
import { averageRise, competitionWindows, evaluateCompetition, isResponsibleFor, risingCount, segmentSubjectId, type CompetitionFacts } from './competition.rules.js';

const POLICY = DEFAULT_FOLLOW_UP_POLICY.competition;
const W = competitionWindows(new Date('2027-03-10T00:00:00Z'), POLICY);
const SEGMENT = { region: 'East', productLine: 'industrial', customerType: 'retail' };
const NONE: CompetitionFacts = { losses: [], discounts: [], directorShares: [], tierDrops: [], competitorNames: new Map() };

describe('competition rules', () => {
  it('guarantee: a rising count needs the minimum and factor times the trailing pace scaled to the window', () => {
    expect(risingCount({ recentCount: 3, trailingCount: 0 }, { minimum: 3, factor: 1.5 }, W)).toEqual({ expected: 0, severity: 3 });
    expect(risingCount({ recentCount: 2, trailingCount: 0 }, { minimum: 3, factor: 1.5 }, W)).toBeNull();
    // 9 in 90 days is 3 per 30: 4 is below 1.5 x 3.
    expect(risingCount({ recentCount: 4, trailingCount: 9 }, { minimum: 3, factor: 1.5 }, W)).toBeNull();
    expect(risingCount({ recentCount: 5, trailingCount: 9 }, { minimum: 3, factor: 1.5 }, W)).toEqual({ expected: 3, severity: 1.67 });
  });

  it('guarantee: a drift needs both windows with enough contracts and a rise of at least the threshold', () => {
    expect(averageRise({ average: 12, count: 5 }, { average: 8, count: 5 }, 5, 2)).toEqual({ rise: 4, severity: 2 });
    expect(averageRise({ average: 12, count: 4 }, { average: 8, count: 5 }, 5, 2)).toBeNull();
    expect(averageRise({ average: 9.9, count: 5 }, { average: 8, count: 5 }, 5, 2)).toBeNull();
  });

  it('guarantee: the segment id is a stable uuid, different per segment', () => {
    expect(segmentSubjectId(SEGMENT)).toBe(segmentSubjectId({ ...SEGMENT }));
    expect(segmentSubjectId(SEGMENT)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(segmentSubjectId({ ...SEGMENT, customerType: null })).not.toBe(segmentSubjectId(SEGMENT));
  });

  it('guarantee: a director is responsible for their region and their product lines, nothing else', () => {
    expect(isResponsibleFor({ id: 'd', region: 'East', productLines: [] }, SEGMENT)).toBe(true);
    expect(isResponsibleFor({ id: 'd', region: 'North', productLines: ['industrial'] }, SEGMENT)).toBe(true);
    expect(isResponsibleFor({ id: 'd', region: 'North', productLines: ['software'] }, SEGMENT)).toBe(false);
    expect(isResponsibleFor({ id: 'd', region: null, productLines: [] }, { region: null, productLine: null, customerType: null })).toBe(false);
  });

  it('guarantee: losses name each competitor with its count, most first; a director share is a share of the window', () => {
    const flagged = evaluateCompetition({
      ...NONE,
      losses: [{ ...SEGMENT, recentCount: 3, trailingCount: 0, contractIds: ['k1', 'k2', 'k3'], competitorIds: ['c2', 'c1', 'c2'] }],
      directorShares: [{ ...SEGMENT, recentCount: 10, recentDirector: 5, trailingCount: 10, trailingDirector: 2, contractIds: ['k4'] }],
      competitorNames: new Map([['c1', 'One'], ['c2', 'Two']]),
    }, POLICY, W);
    expect(flagged.map((f) => f.flag.rule)).toEqual(['competitor_losses', 'director_share']);
    expect(flagged[0].flag.evidence).toMatchObject({ competitors: [{ id: 'c2', name: 'Two', count: 2 }, { id: 'c1', name: 'One', count: 1 }] });
    expect(flagged[1].flag.evidence).toMatchObject({ recentShare: 0.5, trailingShare: 0.2, rise: 0.3 });
  });
});
