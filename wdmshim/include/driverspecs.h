/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driverspecs.h - the driver annotations of the WDK: IRQL contracts
 * (_IRQL_requires_max_, _IRQL_raises_, ...), dispatch types, kernel
 * resource and floating-point contracts, and their older __drv_* forms.
 *
 * All expand to nothing. wdmshim checks IRQL rules at run time instead:
 * PASSIVE_LEVEL-only routines catch callers that may not sleep, and
 * reports name the driver that broke a rule.
 */
#ifndef _WDMSHIM_DRIVERSPECS_H
#define _WDMSHIM_DRIVERSPECS_H

#include <specstrings.h>

/* IRQL contracts */
#define _IRQL_requires_(irql)
#define _IRQL_requires_max_(irql)
#define _IRQL_requires_min_(irql)
#define _IRQL_requires_same_
#define _IRQL_raises_(irql)
#define _IRQL_saves_
#define _IRQL_restores_
#define _IRQL_saves_global_(kind, param)
#define _IRQL_restores_global_(kind, param)
#define _IRQL_always_function_min_(irql)
#define _IRQL_always_function_max_(irql)
#define _IRQL_uses_cancel_
#define _IRQL_is_cancel_
#define _IRQL_requires_lock_held_(lock)
#define _IRQL_limited_to_(irql)

/* Roles, dispatch types and object contracts */
#define _Dispatch_type_(type)
#define _Kernel_clear_do_init_(yes_no)
#define _Kernel_float_saved_
#define _Kernel_float_restored_
#define _Kernel_float_used_
#define _Kernel_acquires_resource_(kind)
#define _Kernel_releases_resource_(kind)
#define _Kernel_requires_resource_held_(kind)
#define _Kernel_requires_resource_not_held_(kind)
#define _Kernel_IoGetDmaAdapter_
#define _Kernel_ReleaseSpinLock_
#define _Kernel_AcquireSpinLock_
#define _Kernel_requires_resource_held_global_(kind, param)
#define _Kernel_acquires_resource_global_(kind, param)
#define _Kernel_releases_resource_global_(kind, param)

/* The __drv_* forms of older WDK sources */
#define __drv_dispatchType(type)
#define __drv_dispatchType_other
#define __drv_maxIRQL(irql)
#define __drv_minIRQL(irql)
#define __drv_requiresIRQL(irql)
#define __drv_raisesIRQL(irql)
#define __drv_setsIRQL(irql)
#define __drv_savesIRQL
#define __drv_restoresIRQL
#define __drv_savesIRQLGlobal(kind, param)
#define __drv_restoresIRQLGlobal(kind, param)
#define __drv_sameIRQL
#define __drv_useCancelIRQL
#define __drv_isCancelIRQL
#define __drv_maxFunctionIRQL(irql)
#define __drv_minFunctionIRQL(irql)
#define __drv_functionClass(x)
#define __drv_completionType(kind)
#define __drv_callbackType(kind)
#define __drv_when(cond, annos)
#define __drv_at(expr, annos)
#define __drv_arg(expr, annos)
#define __drv_in(annos)
#define __drv_out(annos)
#define __drv_deref(annos)
#define __drv_ret(annos)
#define __drv_fun(annos)
#define __drv_allocatesMem(kind)
#define __drv_freesMem(kind)
#define __drv_aliasesMem
#define __drv_preferredFunction(func, why)
#define __drv_reportError(why)
#define __drv_acquiresResource(kind)
#define __drv_releasesResource(kind)
#define __drv_innerAcquiresResource(kind)
#define __drv_innerReleasesResource(kind)
#define __drv_acquiresResourceGlobal(kind, param)
#define __drv_releasesResourceGlobal(kind, param)
#define __drv_mustHold(kind)
#define __drv_mustHoldGlobal(kind, param)
#define __drv_neverHold(kind)
#define __drv_neverHoldGlobal(kind, param)
#define __drv_acquiresCancelSpinLock
#define __drv_releasesCancelSpinLock
#define __drv_mustHoldCancelSpinLock
#define __drv_neverHoldCancelSpinLock
#define __drv_acquiresCriticalRegion
#define __drv_releasesCriticalRegion
#define __drv_mustHoldCriticalRegion
#define __drv_neverHoldCriticalRegion
#define __drv_acquiresPriorityRegion
#define __drv_releasesPriorityRegion
#define __drv_mustHoldPriorityRegion
#define __drv_neverHoldPriorityRegion
#define __drv_clearDoInit(yes_no)
#define __drv_floatSaved
#define __drv_floatRestored
#define __drv_floatUsed
#define __drv_interlocked
#define __drv_inTry
#define __drv_notInTry
#define __drv_constant
#define __drv_nonConstant
#define __drv_strictType(type, mode)
#define __drv_strictTypeMatch(mode)
#define __drv_formatString(kind)
#define __drv_valueIs(list)
#define __drv_isObjectPointer
#define __drv_notPointer
#define __drv_IoGetDmaAdapter

#endif /* _WDMSHIM_DRIVERSPECS_H */
