/**
 * The one place errors are logged. Every error a person should know about is also shown (a
 * banner or a message line); this log is for whoever reads the console afterwards.
 */
export function logError(where: string, error: unknown): void {
  console.error(`[touchpoint-audit] ${where}:`, error);
}
