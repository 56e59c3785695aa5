/** Full-page capture: planning, stitching and orchestration (see each module). */
export * from './capture';
export * from './plan';
export * from './stitch';
