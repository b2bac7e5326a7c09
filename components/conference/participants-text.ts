/** "1 participant", "3 participants": shared by "End meeting" and its confirmation. */
export function participants(n: number): string {
  return `${n} participant${n === 1 ? "" : "s"}`;
}
