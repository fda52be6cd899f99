/** One row of the benchmark's table: the measured figure beside the issue's target. */
export interface Figure {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  /** undefined: reported, no target to meet. */
  readonly pass?: boolean;
  readonly raw?: unknown;
}

export function table(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => [figure.name, figure.value, figure.target, figure.pass === undefined ? '—' : figure.pass ? 'pass' : 'MISS']);
  const lines = [['figure', 'measured', 'target', ''], ['---', '---', '---', '---'], ...rows];
  return `${lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n')}\n`;
}
