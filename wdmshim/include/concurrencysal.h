/* SPDX-License-Identifier: GPL-2.0 */
/*
 * concurrencysal.h - the lock annotations of SAL (which lock a routine
 * acquires, releases or needs held). They expand to nothing: lockdep
 * checks wdmshim's KSPIN_LOCKs at run time instead.
 */
#ifndef _WDMSHIM_CONCURRENCYSAL_H
#define _WDMSHIM_CONCURRENCYSAL_H

#define _Acquires_lock_(lock)
#define _Acquires_exclusive_lock_(lock)
#define _Acquires_shared_lock_(lock)
#define _Acquires_nonreentrant_lock_(lock)
#define _Releases_lock_(lock)
#define _Releases_exclusive_lock_(lock)
#define _Releases_shared_lock_(lock)
#define _Releases_nonreentrant_lock_(lock)
#define _Requires_lock_held_(lock)
#define _Requires_exclusive_lock_held_(lock)
#define _Requires_shared_lock_held_(lock)
#define _Requires_lock_not_held_(lock)
#define _Requires_no_locks_held_
#define _Guarded_by_(lock)
#define _Write_guarded_by_(lock)
#define _Interlocked_
#define _Has_lock_kind_(kind)
#define _Has_lock_level_(level)
#define _Create_lock_level_(level)
#define _Lock_level_order_(a, b)
#define _Post_same_lock_(a, b)
#define _Internal_set_lock_count_(lock, count)
#define _No_competing_thread_
#define _Benign_race_begin_
#define _Benign_race_end_
#define _No_competing_thread_begin_
#define _No_competing_thread_end_
#define _Analysis_suppress_lock_checking_(lock)

#endif /* _WDMSHIM_CONCURRENCYSAL_H */
