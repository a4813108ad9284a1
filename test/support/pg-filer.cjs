// A "server" in its own process for the multi-server tests: opens the built stores on a
// PostgreSQL URL, waits for the common start time, files N reports (each with a delivery, in one
// transaction, as the runner does) and prints their references as JSON.
// argv: <dist open-stores.js> <url> <count> <start epoch ms> <name>
const { openStores } = require(process.argv[2]);
const [url, count, startAt, name] = [process.argv[3], Number(process.argv[4]), Number(process.argv[5]), process.argv[6]];
const stores = openStores(url);
while (Date.now() < startAt) { /* all servers start filing together */ }
const refs = [];
for (let i = 0; i < count; i++) {
  const draft = {
    settingId: 'oak-primary', settingName: 'Oak', reporter: { id: `${name}-${i}`, role: 'TA' }, channel: 'slack',
    createdAt: new Date().toISOString(), flowId: 'f', flowTitle: 'F', category: 'conduct', urgency: 'urgent', dangerFlagged: false,
    firstMessage: 'm', answers: [], advice: [], account: [], policyVersion: 'v1',
  };
  refs.push(stores.transaction(() => {
    const r = stores.reports.file(draft);
    stores.deliveries.add({ reference: r.reference, channel: 'slack', target: 'C-DSL', purpose: 'report-filed', at: draft.createdAt });
    return r.reference;
  }));
}
stores.close();
process.stdout.write(JSON.stringify(refs));
