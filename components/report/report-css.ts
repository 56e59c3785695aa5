/** Styles of the report, shared by the report page and the exported file (hashed into its CSP). */
import { CHART_CSS } from './charts';
import { INVENTORY_CSS } from './inventory';
import { MIND_MAP_CSS } from './mind-map';
import { REAUDIT_CSS } from './reaudit';
import { TAGS_CSS } from './tags';
import { PAGE_FACTS_CSS } from './page-facts';

export const REPORT_CSS = `
.report{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1c2330;max-width:1400px;margin:0 auto;padding:16px 24px}
.report h1{font-size:26px;margin:0 0 4px}
.report h2{font-size:19px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid #d9dee7}
.report-head p,.journey-meta{color:#566074;margin:0}
.kpis,.stages{border-collapse:collapse;width:100%;margin-top:16px}
.kpis caption{text-align:left;font-weight:600;font-size:16px;padding:6px 0}
.kpis th,.kpis td,.stages th,.stages td{border:1px solid #d9dee7;padding:6px 8px;text-align:left;vertical-align:top}
.kpis thead th,.stages thead th{background:#f1f4f9;font-weight:600}
.kpis td.best{background:#e3f6e8;font-weight:700}
.stages{table-layout:fixed}
.stages th:first-child{width:170px}
.stages tbody th{background:#f8f9fb}
.stages thead th.role-own{background:#e6eefc}
.missing{display:inline-block;color:#9b2c2c;background:#fdecec;border:1px dashed #e3a3a3;border-radius:4px;padding:2px 8px;font-size:12px}
.step{border:1px solid #e3e7ee;border-radius:8px;padding:8px 10px;margin:0 0 8px;background:#fff;break-inside:avoid}
.step.is-weak{border-color:#e07b7b;box-shadow:inset 3px 0 0 #d64545}
.step-head{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.step-no{display:inline-flex;justify-content:center;min-width:22px;height:22px;border-radius:11px;background:#26334d;color:#fff;font-size:12px;font-weight:700;align-items:center}
.step-title{font-weight:600;overflow-wrap:anywhere}
.step-meta{color:#566074;font-size:12px;margin:4px 0;overflow-wrap:anywhere}
.flag{font-size:11px;font-weight:700;border-radius:4px;padding:1px 6px}
.flag-weak{background:#fdecec;color:#9b2c2c}
.flag-wow{background:#e3f6e8;color:#1f6b36}
.flag-redacted{background:#26334d;color:#fff;margin:0 6px 0 0}
.shot{margin:6px 0}
.shot-frame{position:relative;display:inline-block;max-width:100%;vertical-align:top;line-height:0;border:1px solid #d9dee7;border-radius:4px;overflow:hidden}
.shot-frame img,.shot-frame .shot-img{display:block;max-width:100%;height:auto}
.image-defs{position:absolute;width:0;height:0;overflow:hidden}
.shot-frame .annotations{position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none}
.step-thumb .shot-frame img,.step-thumb .shot-frame .shot-img{max-height:220px;width:auto}
.shot.is-redacted .shot-frame{border-color:#26334d}
.shot figcaption{font-size:11px;color:#566074;overflow-wrap:anywhere}
.shot code{font-size:10px}
.scores{display:flex;gap:12px;flex-wrap:wrap;margin:4px 0;font-size:12px}
.note{white-space:pre-wrap;margin:4px 0;font-style:italic;overflow-wrap:anywhere}
.steps{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:12px}
.fix-first li{margin:4px 0}
.empty{color:#566074}
.evidence-how{color:#566074;margin:0 0 8px;max-width:110ch}
.evidence-table{border-collapse:collapse;width:100%;font-size:11px;table-layout:fixed}
.evidence-table th,.evidence-table td{border:1px solid #d9dee7;padding:4px 6px;text-align:left;vertical-align:top}
.evidence-table thead th{background:#f1f4f9;font-weight:600}
.evidence-table th:nth-child(1){width:9%}.evidence-table th:nth-child(2){width:4%}.evidence-table th:nth-child(3){width:10%}.evidence-table th:nth-child(4){width:19%}.evidence-table th:nth-child(5){width:9%}.evidence-table th:nth-child(6){width:8%}.evidence-table th:nth-child(7){width:19%}.evidence-table th:nth-child(8){width:22%}
.evidence-table .wrap{overflow-wrap:anywhere}
.evidence-table .ua{color:#566074}
.evidence-title{display:block;color:#566074}
.evidence-table .sha{display:block;font-size:10px;word-break:break-all}
.evidence-table .bytes{display:block;color:#566074}
.report a{color:#1f4fb5}
.report-wave{font-weight:600;color:#26334d}
.n-walks{display:block;font-weight:400;font-size:12px;color:#566074}
.step-walk{margin:2px 0;font-size:11px;font-weight:600;color:#26334d;overflow-wrap:anywhere}
.kpis.drill{margin-top:8px}
.kpis.drill caption{font-size:14px}
.kpis td.outcomes{font-size:12px}
@media print{.report{max-width:none;padding:0}.evidence-table{font-size:8px}.report h2{break-after:avoid}.step{break-inside:avoid}.steps{grid-template-columns:1fr 1fr}}
.standards-table,.plan-table{border-collapse:collapse;width:100%}
.standards-table th,.standards-table td,.plan-table th,.plan-table td{border:1px solid #d9dee7;padding:6px 8px;text-align:left;vertical-align:top}
.standards-table thead th,.plan-table thead th{background:#f1f4f9;font-weight:600}
.standards-table tr.status-fail td:last-child{color:#9b2c2c}
.standards-table tr.status-pass td:last-child{color:#1f6b36}
.plan-table tr.overdue{background:#fff6f6}
.plan-table tr.group th{background:#f7f9fc;font-weight:700}
.plan-table .flag{margin-left:6px}
.ideas{padding-left:20px}
.ideas .flag{margin-left:6px}
.handoffs .flag{margin-left:6px}
.measurement{margin:2px 0;font-size:12px}
.measurement.status-fail{color:#9b2c2c}
.measurement.status-pass{color:#1f6b36}
.weak-reasons{color:#9b2c2c;font-size:12px;margin:2px 0}
.failed-items{margin:2px 0;padding-left:18px;font-size:12px;color:#9b2c2c;list-style:none}
.failed-items .critical{font-weight:700;font-size:11px}
.plan-line{margin:2px 0;font-size:12px}
.plan-line.kind-idea{color:#1f6b36}
.score.impact.down b{color:#9b2c2c}
.score.impact.up b{color:#1f6b36}
.report .muted{color:#566074;font-size:12px}
.compliance tr.total th,.compliance tr.total td{background:#f7f9fc}
.kpis .journey-context{display:block;font-weight:400;font-size:12px;color:#566074}
.consultant{white-space:pre-wrap;overflow-wrap:anywhere;max-width:110ch;margin:4px 0 10px}
.summary h3{font-size:15px;margin:10px 0 4px}
.findings{padding-left:20px;margin:4px 0}
.finding{margin:3px 0}
.finding-standard-failed,.finding-critical-failed{color:#9b2c2c}
.method-notes{padding-left:20px;font-size:13px;max-width:120ch}
.explain{color:#566074;font-size:12px;margin:0 0 6px;max-width:110ch}
.league tr.stopped{color:#566074}
.league .flag{margin-left:6px}
.scorecard-table td.best{background:#e3f6e8}
.scorecard-table td.behind{color:#9b2c2c;font-weight:600}
tr.status-head th{background:#e8edf5;color:#1d2b4a;text-align:left;font-size:12px;letter-spacing:.03em;text-transform:uppercase}
tr.status-subtotal>*{border-top:2px solid #b9c3d4;background:#f6f8fb}
${CHART_CSS}${REAUDIT_CSS}${INVENTORY_CSS}${MIND_MAP_CSS}${TAGS_CSS}${PAGE_FACTS_CSS}`;
