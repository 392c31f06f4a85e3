export * from './types';
export { createDirectory } from './memoryDirectory';
export { staffOf, isStaffOf, unitName, isCommunications } from './queries';
export {
  DirectoryError,
  type DirectoryErrorReason,
  type DirectoryIssue,
  SAMPLE_DIRECTORY_PATH,
  loadDirectory,
  loadSampleDirectory,
  parseDirectory,
} from './yamlDirectory';
