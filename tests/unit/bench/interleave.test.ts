import { roundOrder } from '../../../bench/lib/interleave';

const targets = ['A', 'B', 'C'].flatMap((group) => ['standard', 'arm-min', 'floor'].map((name) => ({ group, name: `${group}-${name}` })));

describe('roundOrder', () => {
  it('runs every target once per round, the targets of a group back to back', () => {
    // Act
    const order = roundOrder(targets, 0);

    // Assert
    expect([...order].sort((a, b) => a.name.localeCompare(b.name))).toEqual([...targets].sort((a, b) => a.name.localeCompare(b.name)));
    const groups = order.map((target) => target.group);
    expect(groups).toEqual(['A', 'A', 'A', 'B', 'B', 'B', 'C', 'C', 'C']);
  });

  it('rotates the groups from round to round', () => {
    // Act / Assert
    expect(roundOrder(targets, 1).map((target) => target.group)).toEqual(['B', 'B', 'B', 'C', 'C', 'C', 'A', 'A', 'A']);
  });

  it('shuffles within a group, so no target always runs first, reproducibly', () => {
    // Act
    const firsts = new Set(Array.from({ length: 12 }, (_, round) => roundOrder(targets, round * 3)[0]?.name));

    // Assert
    expect(firsts.size).toBeGreaterThan(1);
    expect(roundOrder(targets, 5)).toEqual(roundOrder(targets, 5));
  });
});
