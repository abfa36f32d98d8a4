/** Prints rows as an aligned text table; numbers are right-aligned. Shared by the benchmark scripts. */
export function printTable(
  title: string,
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  const format = (row: readonly string[], source: readonly (string | number)[] | undefined) =>
    row
      .map((cell, column) =>
        typeof source?.[column] === "number" ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join("  ");
  console.log(`\n${title}`);
  console.log(format(header, undefined));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  rows.forEach((row, i) => console.log(format(cells[i + 1]!, row)));
}

/** Whether the script was started with `--json` (its last line is then one JSON object). */
export const wantsJson = (): boolean => process.argv.includes("--json");
