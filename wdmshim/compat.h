/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.h - every difference between the Linux versions wdmshim builds
 * against is handled here and nowhere else.
 */
#ifndef _WDMSHIM_COMPAT_H
#define _WDMSHIM_COMPAT_H

#include <linux/version.h>
#include <linux/export.h>
#include <linux/module.h>

/* The symbol namespace is a bare token before 6.13 and a string since. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
#define EXPORT_SYMBOL_WDM(sym) EXPORT_SYMBOL_NS_GPL(sym, WDMSHIM)
#define WDM_IMPORT_NS() MODULE_IMPORT_NS(WDMSHIM)
#else
#define EXPORT_SYMBOL_WDM(sym) EXPORT_SYMBOL_NS_GPL(sym, "WDMSHIM")
#define WDM_IMPORT_NS() MODULE_IMPORT_NS("WDMSHIM")
#endif

/*
 * IRQL is derived from the preemption count: preemptible() must tell
 * whether a caller may sleep, which needs CONFIG_PREEMPTION (set by every
 * PREEMPT and PREEMPT_DYNAMIC kernel, Debian's included).
 */
#ifndef CONFIG_PREEMPTION
#error "wdmshim needs CONFIG_PREEMPTION to know whether a caller may sleep"
#endif

/* class_create() lost its owner argument in 6.4. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 4, 0)
#define wdm_class_create(name) class_create(THIS_MODULE, name)
#else
#define wdm_class_create(name) class_create(name)
#endif

/*
 * KASAN's shadow of a stack range that a raise unwinds without returning
 * through it (ex/seh.c) is cleared with kasan_poison(..., 0, ...): the
 * exported routine behind kasan_unpoison_range(), which is not exported
 * itself. Declared in mm/kasan/kasan.h, not in include/linux/.
 */
#if defined(CONFIG_KASAN_GENERIC) && defined(CONFIG_KASAN_STACK)
#include <asm/kasan.h>
#define KASAN_GRANULE_SIZE BIT(KASAN_SHADOW_SCALE_SHIFT)
void kasan_poison(const void *addr, size_t size, u8 value, bool init);
#endif

/* A class's devnode() takes a const struct device since 6.2. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
#define WDM_DEVNODE_CONST
#else
#define WDM_DEVNODE_CONST const
#endif

/* Whether [ip] lies in the core (non-init) or init text/data of [mod]. */
static inline bool wdm_within_module(unsigned long ip, struct module *mod)
{
	return within_module(ip, mod);
}

#endif /* _WDMSHIM_COMPAT_H */
