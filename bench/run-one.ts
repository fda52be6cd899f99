import { pollCycle } from './sections/poll-cycle.js';
import { table } from './report.js';
const figures = await pollCycle();
process.stdout.write(table(figures));
console.log(JSON.stringify(figures.map((f) => f.raw)));
