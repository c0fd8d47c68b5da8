import { SafetyRule } from '../rule';
import { CM001 } from './cm001-memory-limit-known';
import { CM002 } from './cm002-stress-size-bound';
import { CM003 } from './cm003-bounded-duration';
import { CM004 } from './cm004-bounded-schedule';
import { CM005 } from './cm005-protected-namespaces';
import { CM006 } from './cm006-explicit-selector';
import { CM007 } from './cm007-replica-survives';
import { CM008 } from './cm008-dashboard-internal';
import { CM009 } from './cm009-runtime-socket';
import { CM010 } from './cm010-stress-workers';
import { CM011 } from './cm011-namespace-opt-in';
import { CM012 } from './cm012-dns-server';
import { CM013 } from './cm013-node-blast-radius';
import { CM014 } from './cm014-lasting-damage';
import { CM015 } from './cm015-no-credentials';
import { CM016 } from './cm016-selector-matches';

/** Every safety rule, in ID order. RULES.md has one section per entry. */
export const RULES: readonly SafetyRule[] = [CM001, CM002, CM003, CM004, CM005, CM006, CM007, CM008, CM009, CM010, CM011, CM012, CM013, CM014, CM015, CM016];

export { CM001, CM002, CM003, CM004, CM005, CM006, CM007, CM008, CM009, CM010, CM011, CM012, CM013, CM014, CM015, CM016 };
