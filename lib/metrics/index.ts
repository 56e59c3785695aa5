/** Pure metrics: a journey's key figures and what the audit method says of its steps. */
export * from './journey-kpis';
export * from './method';
export * from './calibration';
