// Ink's devtools.js connects React DevTools when DEV=true, loading react-devtools-core, which is not shipped: the bundle
// gets this empty module instead (a DEV=true run draws as usual, without DevTools).
export {};
