import { IANAZone } from 'luxon';
import { MS_PER_DAY } from './wall-clock.js';

/**
 * A zone's UTC offset read on a grid of instants four days apart, remembered per zone for the
 * whole process: luxon reads an offset through Intl (~14 µs each), and long deadlines would
 * otherwise read the same ones for every computation.
 */
const GRID_MS = 4 * MS_PER_DAY;
const MAX_REMEMBERED_PER_ZONE = 50_000; // about 550 years of grid points
const remembered = new Map<string, Map<number, number>>();

function offsetAtGridPoint(zone: string, index: number): number {
  let byIndex = remembered.get(zone);
  if (byIndex === undefined) {
    byIndex = new Map();
    remembered.set(zone, byIndex);
  }
  const known = byIndex.get(index);
  if (known !== undefined) return known;
  if (byIndex.size >= MAX_REMEMBERED_PER_ZONE) byIndex.clear();
  const offset = IANAZone.create(zone).offset(index * GRID_MS);
  byIndex.set(index, offset);
  return offset;
}

/**
 * The UTC offset (minutes) `zone` keeps from `from` to `to`, or null when it may change in
 * between. Reads the grid points around them: a change shows as two grid points with different
 * offsets, provided no zone changes and changes back within four days. The tz database's rules
 * for 2024-2060 keep changes at least seven days apart in all 418 zones Node knows (Gaza and
 * Hebron come closest); a false null only costs speed, since callers then ask luxon day by day.
 */
export function steadyOffsetBetween(zone: string, from: number, to: number): number | null {
  const [first, last] = [Math.floor(from / GRID_MS), Math.ceil(to / GRID_MS)];
  const offset = offsetAtGridPoint(zone, first);
  for (let index = first + 1; index <= last; index++) {
    if (offsetAtGridPoint(zone, index) !== offset) return null;
  }
  return offset;
}
