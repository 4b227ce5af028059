import type { HeaderReadResult } from '../../core/dicom/readHeader';

export interface HeaderWorkerRequest {
  readonly id: number;
  readonly file: File;
}

export interface HeaderWorkerResponse {
  readonly id: number;
  readonly result: HeaderReadResult;
}
