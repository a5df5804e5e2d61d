import { readFileSync } from 'node:fs';
import { run } from './src/cli/run.ts';
const mk = (files: Record<string,string>) => { const out: string[] = []; return { out, io: { stdout: (t: string) => out.push(t), stderr: () => {}, readFile: (p: string) => files[p] ?? readFileSync(p, 'utf8'), writeFile: () => {}, now: () => new Date('2024-06-15T12:00:00Z') } }; };
const ref = JSON.parse(readFileSync('referentials/exemple-atelier.json','utf8'));
const v2 = structuredClone(ref); v2.identity.version='1.1.0'; v2.jobs[0].label='Mécanicien'; 
v2.situations.find((s: any)=>s.id==='s-carrosserie').exposures[0].duration.value=2.5; v2.situations.find((s: any)=>s.id==='s-nuit-fixe').exposures[0].duration.value=95;
let t = mk({'v2.json': JSON.stringify(v2)}); run(['diff','referentials/exemple-atelier.json','v2.json','--answers','examples/entreprise-exemple.json','--staff','examples/salaries-exemple.csv','--year','2024'], t.io as any); console.log(t.out.join('\n'));
const w = structuredClone(ref); w.jobs[0].tasks[0].defaultShare=90; w.jobs[0].tasks[1].defaultShare=10;
t = mk({'w.json': JSON.stringify(w)}); run(['diff','referentials/exemple-atelier.json','w.json','--answers','examples/entreprise-exemple.json','--staff','examples/salaries-exemple.csv'], t.io as any); console.log(t.out.join('\n').split('\n').filter(l=>l.startsWith('| MEC-03')).join('\n'));
