// RTM token minting with Agora's Node builder (npm agora-token,
// RtmTokenBuilder.buildToken), for scripts/bench-peers.sh.
//
// node tokens.js COUNT SECS  ->  one JSON line; stops after COUNT tokens or
// SECS seconds. The last token goes to stderr so the script can verify it.
'use strict';
const { RtmTokenBuilder } = require('agora-token');

const APP_ID = '0123456789abcdef0123456789abcdef';
const CERTIFICATE = 'fedcba9876543210fedcba9876543210';
const USER = 'peer_bench_user';
const EXPIRE = 3600;

const count = Number(process.argv[2]);
const secs = Number(process.argv[3]);
let token = RtmTokenBuilder.buildToken(APP_ID, CERTIFICATE, USER, EXPIRE);
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
let minted = 0;
while (minted < count) {
  token = RtmTokenBuilder.buildToken(APP_ID, CERTIFICATE, USER, EXPIRE);
  minted += 1;
  if (minted % 1024 === 0 && Number(process.hrtime.bigint() - t0) / 1e9 >= secs) break;
}
const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({
  side: 'agora-token (Node)', calls: minted, concurrency: 1,
  secs: Number(elapsed.toFixed(3)), rate: Number((minted / elapsed).toFixed(1)),
  cpu_us_per_call: Number(((cpu.user + cpu.system) / minted).toFixed(3)),
  peak_rss_kib: process.resourceUsage().maxRSS,
}));
console.error(token);
