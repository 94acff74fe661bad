declare module 'virtual:pv-offline-index' {
  const groups: import('./offline-index').OfflineGroup[];
  export default groups;
}
