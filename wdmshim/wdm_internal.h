/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm_internal.h - what the parts of wdmshim.ko share with each other and
 * with the KUnit suites. Hosted drivers never include this file.
 */
#ifndef _WDMSHIM_INTERNAL_H
#define _WDMSHIM_INTERNAL_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/irqreturn.h>
#include <linux/printk.h>
#include <linux/stdarg.h>
#include "compat.h"

#define WDMSHIM_HOST
#include <ntddk.h>

/*
 * wdm_report() - report a rule a hosted driver broke: one line
 * "wdmshim: <driver>: <rule>" at KERN_ERR, never a WARN or BUG splat.
 * Each report also counts in wdm_reports, which the KUnit suites read to
 * assert that a violation was reported.
 */
extern atomic_t wdm_reports;
#define wdm_report(who, fmt, ...)					\
	do {								\
		atomic_inc(&wdm_reports);				\
		pr_err("wdmshim: %s: " fmt "\n", (who), ##__VA_ARGS__); \
	} while (0)

/* NTSTATUS <-> errno, in one place (rtl/status.c). */
int wdm_ntstatus_to_errno(NTSTATUS status);
NTSTATUS wdm_errno_to_ntstatus(int err);

/* Pool accounting (ex/pool.c). */
struct module;
struct wdm_pool_account {
	struct list_head node;		/* in the registered accounts, RCU */
	struct module *owner;		/* code of this module is accounted here */
	const char *name;		/* driver name used in reports */
	void *driver;			/* its struct wdm_driver, if a driver's */
	atomic_long_t blocks;		/* live blocks */
	atomic_long_t bytes;		/* live bytes, as requested */
};

extern struct wdm_pool_account wdm_shim_account;

void wdm_pool_account_register(struct wdm_pool_account *acct, const char *name,
			       struct module *owner);
unsigned long wdm_pool_account_release(struct wdm_pool_account *acct);
struct wdm_pool_account *wdm_pool_account_of(unsigned long ip);
const char *wdm_caller_name(unsigned long ip);
void *wdm_pool_alloc(struct wdm_pool_account *acct, bool paged, bool zero,
		     bool cache_aligned, size_t size, u32 tag);
void wdm_pool_free(unsigned long ip, void *p, u32 tag, bool check_tag);
bool wdm_pool_lookup(const void *p, u32 *tag, size_t *size,
		     struct wdm_pool_account **acct);
int wdm_pool_init(struct dentry *debugfs_dir);
void wdm_pool_exit(void);

/* Code page 1252 and case mapping (rtl/nls.c). */
WCHAR wdm_ansi_to_unicode(unsigned char c);
unsigned char wdm_unicode_to_ansi(WCHAR wc);
size_t wdm_utf16_to_utf8(char *dst, size_t size, const WCHAR *src,
			 size_t count);
size_t wdm_utf8_to_utf16(WCHAR *dst, size_t size, const char *src, size_t len);

/* The Microsoft printf dialect (rtl/format.c). */
int wdm_vformat(char *buf, size_t size, const char *fmt, va_list ap);
int wdm_vformat_wide(char *buf, size_t size, const char *fmt, va_list ap);
int wdm_format(char *buf, size_t size, const char *fmt, ...);

/*
 * Structured exceptions (ex/seh.c): raise from wdmshim's routines, stop
 * exceptions where wdmshim calls back into a driver with work of its own
 * left to do after the call.
 */
void wdm_seh_init(void);
bool wdm_seh_raise(NTSTATUS code);
void wdm_seh_raise_from(const char *who, const char *routine, NTSTATUS code);
void wdm_seh_barrier_push(struct wdm_seh_frame *frame);
void wdm_seh_barrier_pop(struct wdm_seh_frame *frame);
void wdm_seh_thread_exit(void);
void wdm_seh_jump(void **jb);

/* DPCs (ke/dpc.c). */
int wdm_dpc_init(void);
void wdm_dpc_exit(void);
void wdm_dpc_flush(void);
void wdm_dpc_remove_range(const void *start, size_t len, const char *who,
			  const char *when);

/* Timers and DPCs left in memory being freed or code being unloaded. */
void wdm_ke_objects_freed(const void *start, size_t len, const char *who,
			  const char *when);
void wdm_ke_objects_freed_by(const void *start, size_t len, unsigned long ip,
			     const char *when);
void wdm_timers_cancel_module(struct module *mod, const char *who);
bool wdm_dpcs_pending(void);

/*
 * Hardware access (hal/iospace.c, ke/interrupt.c, hal/dma.c). What a
 * driver leaves mapped, connected or allocated is reported and undone by
 * the *_module() routines when it unloads, and by the *_exit() ones when
 * wdmshim does.
 */
#define WDM_DIRQL 12		/* the IRQL a hard interrupt handler runs at */
irqreturn_t wdm_isr_thunk(int irq, void *interrupt);
int wdm_iospace_unmap_module(struct module *mod);
void wdm_iospace_exit(void);
int wdm_interrupts_disconnect_module(struct module *mod);
void wdm_interrupts_exit(void);
int wdm_dma_put_module(struct module *mod);
struct device;
void wdm_interrupts_device_gone(struct device *dev);
void wdm_dma_device_gone(struct device *dev);
void wdm_dma_exit(void);

#endif /* _WDMSHIM_INTERNAL_H */
