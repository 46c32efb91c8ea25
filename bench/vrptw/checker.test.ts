import { describe, expect, it } from 'vitest';
import { checkSolution, readInstance } from './checker';

// Depot at (0,0) due 100; customer 1 at (3,4) window [0,50]; 2 at (0,8) [0,12]; 3 at (-3,4) [20,60].
const text = ['T', '', 'VEHICLE', 'NUMBER     CAPACITY', '  2         10', '', 'CUSTOMER',
  'CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME', ' ',
  '    0      0          0          0          0       100          0   ',
  '    1      3          4          5          0        50         10   ',
  '    2      0          8          5          0        12         10   ',
  '    3     -3          4          6         20        60         10   ', ''].join('\r\n');
const inst = readInstance(text);

describe('independent VRPTW checker', () => {
  it('accepts a feasible solution and recomputes its distance', () => {
    const r = checkSolution(inst, [[2, 1], [3]]);
    expect(r.errors).toEqual([]);
    expect(r.feasible).toBe(true);
    expect(r.distance).toBeCloseTo(8 + 5 + 5 + 5 + 5, 9);
    expect(r.vehicles).toBe(2);
  });

  it('flags a missed window (service start after due date)', () => {
    // 1 then 2: start at 1 = 5, leave 15, reach 2 at 20 > 12.
    const r = checkSolution(inst, [[1, 2], [3]]);
    expect(r.feasible).toBe(false);
    expect(r.errors.join()).toMatch(/customer 2 starts/);
  });

  it('flags capacity, duplicates, missing customers and too many vehicles', () => {
    expect(checkSolution(inst, [[2, 1, 3]]).errors.join()).toMatch(/load 16/);
    expect(checkSolution(inst, [[2, 1], [3, 1]]).errors.join()).toMatch(/customer 1 visited 2 times/);
    expect(checkSolution(inst, [[2, 1]]).errors.join()).toMatch(/customer 3 visited 0 times/);
    expect(checkSolution(inst, [[2], [1], [3]]).errors.join()).toMatch(/3 vehicles used/);
  });

  it('flags a late return to the depot', () => {
    const late = readInstance(text.replace('0       100          0', '0        20          0'));
    expect(checkSolution(late, [[2, 1], [3]]).errors.join()).toMatch(/back at depot/);
  });
});
