import { chromium } from 'playwright-core';
const t=Date.now();
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'], timeout: 30000, logger: { isEnabled: (n) => n==='protocol' ? false : true, log: (n, s, m) => console.log(Date.now()-t, n, String(m).slice(0,300)) } });
console.log('launched', Date.now()-t);
const c = await b.newContext({ viewport: { width: 1440, height: 900 } });
console.log('context', Date.now()-t);
const p = await c.newPage(); await p.exposeFunction('codeAutomationLog', (a,b)=>console.log(a,b)); console.log('exposed', Date.now()-t);
console.log('page', Date.now()-t);
await b.close();
