/**
 * Saves `csv` as a file named `name`. The report is fetched with the token in a header (a plain link could not carry
 * it), so the file is handed to the browser from memory.
 */
export function downloadCsv(csv: string, name: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the next task may let the memory go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
