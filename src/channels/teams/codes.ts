/** A short, content-free code for an error (logs carry codes, never what anyone typed). */
export { errorCode as codeOf } from '../../core/host';
