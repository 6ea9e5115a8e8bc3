// What a change on one page means for the others: pages read `version`
// and load again when it moves.
export const changes = $state({ version: 0 });

export function changed(): void {
  changes.version++;
}
