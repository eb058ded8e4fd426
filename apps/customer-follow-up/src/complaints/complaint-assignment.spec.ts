import { leastLoaded } from './complaint-assignment.js';

const ann = { id: 'a', email: 'ann@x.test' };
const bob = { id: 'b', email: 'bob@x.test' };
const cai = { id: 'c', email: 'cai@x.test' };

describe('leastLoaded: who takes the next complaint', () => {
  it('picks the candidate with the fewest open complaints', () => {
    expect(leastLoaded([ann, bob, cai], new Map([['a', 3], ['b', 1], ['c', 2]]))).toBe(bob);
  });

  it('counts a candidate without complaints as zero', () => {
    expect(leastLoaded([ann, bob], new Map([['a', 1]]))).toBe(bob);
  });

  it('breaks ties by email, whatever the order the candidates come in', () => {
    const counts = new Map([['a', 2], ['b', 1], ['c', 1]]);
    expect(leastLoaded([cai, ann, bob], counts)).toBe(bob);
    expect(leastLoaded([bob, cai, ann], counts)).toBe(bob);
  });

  it('answers null when there is nobody', () => {
    expect(leastLoaded([], new Map())).toBeNull();
  });
});
