/** The audit taxonomy (DESIGN.md): stages, categories and channels; the built-in method. */
export * from './stages-and-channels';
export * from './catalogue';
export * from './method';
export * from './method-overrides';
export * from './entered-times';
export * from './status';
