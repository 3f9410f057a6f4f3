// Which numbered messages of one sender about one story have arrived, when they come by two paths
// (a direct link and Redis) and each copy after the first must be dropped. Each path is ordered,
// so what has arrived is a few runs of consecutive numbers; forgetting the oldest run when there
// are too many is safe, because a copy taken for new is applied twice, and applying a change or
// a note twice changes nothing. Taking a new message for a copy would lose it: never done.

/** Runs kept; beyond this the lowest is forgotten. */
const MAX_RUNS = 32;

/** The numbers seen, as sorted, disjoint, non-adjacent runs [from, upto]. */
export class SeenNumbers {
  private runs: [number, number][] = [];

  /** Records `n`; true if it was new, false if it had arrived already. */
  add(n: number): boolean {
    const runs = this.runs;
    // The last run first: nearly every message extends it.
    let i = runs.length - 1;
    while (i >= 0 && runs[i][0] > n) i--;
    // runs[i] is the last run starting at or before n (i = -1: none).
    if (i >= 0 && n <= runs[i][1]) return false;
    const joinsBefore = i >= 0 && runs[i][1] === n - 1;
    const joinsAfter = i + 1 < runs.length && runs[i + 1][0] === n + 1;
    if (joinsBefore && joinsAfter) {
      runs[i][1] = runs[i + 1][1];
      runs.splice(i + 1, 1);
    } else if (joinsBefore) runs[i][1] = n;
    else if (joinsAfter) runs[i + 1][0] = n;
    else {
      runs.splice(i + 1, 0, [n, n]);
      if (runs.length > MAX_RUNS) runs.shift();
    }
    return true;
  }
}
