// Reads httpyac's --json report and fails unless every request of the .http files got the status its title
// names, e.g. "### Delete the dev set (204)". Requests marked `# @disabled` (REST Client variables) are skipped.
import { readFileSync } from 'node:fs';

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const { summary } = report;
  if (summary.failedRequests || summary.erroredRequests || summary.failedTests || summary.erroredTests) {
    console.error(`${file}: httpyac reported ${JSON.stringify(summary)}`);
    failures++;
  }
  for (const request of report.requests) {
    const where = `${request.fileName}:${request.line + 1} "${request.title}"`;
    if (request.summary?.skippedTests && !request.response?.statusCode) {
      continue;
    }
    const expected = /\((\d{3})\)\s*$/.exec(request.title || '');
    const status = request.response?.statusCode;
    if (!expected) {
      console.error(`${where}: no expected status in the title`);
      failures++;
    } else if (status !== Number(expected[1])) {
      console.error(`${where}: expected ${expected[1]}, got ${status ?? 'no response'}`);
      failures++;
    } else {
      checked++;
    }
  }
}
console.log(`http-requests: ${checked} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
