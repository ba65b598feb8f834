// SPDX-License-Identifier: GPL-2.0
/*
 * ex/seh.c - structured exception handling: the frames of __try
 * (<excpt.h>), the raise that unwinds to them, and ExRaiseStatus().
 *
 * A frame belongs to a context: the current task, or the hard or soft
 * interrupt level of a CPU (an interrupt never lands in the frames of the
 * task it interrupted). Frames live on the stacks of the functions that
 * run __try and are chained, innermost first, in a small hash table keyed
 * by context; nothing is allocated. __try's cleanup unregisters its frame
 * however its body is left, so a registered frame is always live.
 *
 * A raise looks for an __except frame of its context, innermost first,
 * up to the first barrier (wdm_seh_barrier_push(): wdmshim code that
 * calls back into a driver with state of its own on the stack). With
 * none, nothing is unwound and the raising routine reports and returns.
 * Otherwise the innermost frame, __except or __finally, is unregistered
 * and entered with __builtin_longjmp (ex/seh_jump.c); a __finally block
 * passes the exception on when it ends, a filter that declines passes it
 * on at once.
 *
 * GetExceptionCode() reads a per-context slot that each landing sets: the
 * slots are a few per hash bucket, the oldest reused first, so a context
 * keeps its code until many others have landed since.
 */
#include <linux/hash.h>
#include <linux/kasan.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <asm/asm.h>
#include "../wdm_internal.h"

#define WDM_SEH_HASH_BITS	7
#define WDM_SEH_SLOTS		8

/* The last exception that landed in a context. */
struct wdm_seh_slot {
	const void *context;
	unsigned long stamp;		/* when it was set: oldest reused first */
	NTSTATUS code;
	bool finally_pending;		/* landed in a __finally frame */
};

struct wdm_seh_bucket {
	spinlock_t lock;		/* frames, slots */
	struct hlist_head frames;	/* of the contexts hashed here, innermost first */
	struct wdm_seh_slot slots[WDM_SEH_SLOTS];
};

static struct wdm_seh_bucket wdm_seh_table[1 << WDM_SEH_HASH_BITS];
static atomic_long_t wdm_seh_stamp;	/* orders the slots of a bucket */

/* Distinct addresses naming the interrupt levels of each CPU. */
static DEFINE_PER_CPU(u8, wdm_seh_hardirq);
static DEFINE_PER_CPU(u8, wdm_seh_softirq);

/*
 * The context of the caller: its task, or its CPU's interrupt level.
 * NULL in NMI context, where nothing may be registered.
 */
static const void *wdm_seh_context(void)
{
	if (in_nmi())
		return NULL;
	if (in_hardirq())
		return this_cpu_ptr(&wdm_seh_hardirq);
	if (in_serving_softirq())
		return this_cpu_ptr(&wdm_seh_softirq);
	return current;
}

static struct wdm_seh_bucket *wdm_seh_bucket(const void *context)
{
	return &wdm_seh_table[hash_ptr(context, WDM_SEH_HASH_BITS)];
}

static struct hlist_node *wdm_seh_node(struct wdm_seh_frame *frame)
{
	BUILD_BUG_ON(sizeof(struct hlist_node) > sizeof(frame->link));
	return (struct hlist_node *)frame->link;
}

static struct wdm_seh_frame *wdm_seh_frame_of(struct hlist_node *node)
{
	return container_of((void *)node, struct wdm_seh_frame, link);
}

/* The innermost frame of @context, or NULL. Caller holds the lock. */
static struct wdm_seh_frame *wdm_seh_top(struct wdm_seh_bucket *b,
					 const void *context)
{
	struct hlist_node *n;

	hlist_for_each(n, &b->frames)
		if (wdm_seh_frame_of(n)->context == context)
			return wdm_seh_frame_of(n);
	return NULL;
}

/* The slot of @context; with @claim, the oldest one if it has none. */
static struct wdm_seh_slot *wdm_seh_slot(struct wdm_seh_bucket *b,
					 const void *context, bool claim)
{
	struct wdm_seh_slot *s, *oldest = &b->slots[0];

	for (s = b->slots; s < b->slots + WDM_SEH_SLOTS; s++) {
		if (s->context == context)
			return s;
		if (s->stamp < oldest->stamp)
			oldest = s;
	}
	if (!claim)
		return NULL;
	oldest->context = context;
	oldest->finally_pending = false;
	return oldest;
}

/**
 * wdm_seh_push() - register the frame of a __try (<excpt.h>)
 * @frame: the frame, its kind set
 *
 * From then on a raise in the current context may land in @frame.
 */
void wdm_seh_push(struct wdm_seh_frame *frame)
{
	const void *context = wdm_seh_context();
	struct wdm_seh_bucket *b;
	unsigned long flags;

	frame->context = (void *)context;
	frame->state = WDM_SEH_DONE;
	if (!context)
		return;
	b = wdm_seh_bucket(context);
	spin_lock_irqsave(&b->lock, flags);
	hlist_add_head(wdm_seh_node(frame), &b->frames);
	frame->state = WDM_SEH_ACTIVE;
	spin_unlock_irqrestore(&b->lock, flags);
}
EXPORT_SYMBOL_WDM(wdm_seh_push);

/* Unregister @frame if it is registered; false if it was not. */
static bool wdm_seh_remove(struct wdm_seh_frame *frame)
{
	struct wdm_seh_bucket *b;
	unsigned long flags;
	bool inner;

	if (frame->state != WDM_SEH_ACTIVE)
		return false;
	b = wdm_seh_bucket(frame->context);
	spin_lock_irqsave(&b->lock, flags);
	inner = wdm_seh_top(b, frame->context) != frame;
	hlist_del(wdm_seh_node(frame));
	frame->state = WDM_SEH_DONE;
	spin_unlock_irqrestore(&b->lock, flags);
	if (inner)
		wdm_report("wdmshim", "a __try frame ended before the frames registered after it");
	return true;
}

/**
 * wdm_seh_pop() - unregister the frame of a __try whose body ended
 * @frame: the frame
 */
void wdm_seh_pop(struct wdm_seh_frame *frame)
{
	wdm_seh_remove(frame);
}
EXPORT_SYMBOL_WDM(wdm_seh_pop);

/**
 * wdm_seh_cleanup() - unregister a __try frame whose body was left by
 * return, goto or break
 * @frame: the frame
 *
 * For an __except that is all there is to do; a __finally block is
 * skipped, which is reported.
 */
void wdm_seh_cleanup(struct wdm_seh_frame *frame)
{
	if (wdm_seh_remove(frame) && frame->kind == WDM_SEH_FINALLY)
		wdm_report(wdm_caller_name(_RET_IP_),
			   "left a __try body by return, goto or break: its __finally block did not run");
}
EXPORT_SYMBOL_WDM(wdm_seh_cleanup);

/*
 * The frames skipped by a raise may have left KASAN's stack redzones
 * poisoned below the landing frame's stack pointer (jb[2]); clear them.
 */
static void wdm_seh_unpoison_stack(struct wdm_seh_frame *frame)
{
#if defined(CONFIG_KASAN_GENERIC) && defined(CONFIG_KASAN_STACK)
	unsigned long low = current_stack_pointer & ~(KASAN_GRANULE_SIZE - 1);
	unsigned long high = (unsigned long)frame->jb[2];

	if (high > low)
		kasan_poison((void *)low, high - low, 0, false);
#endif
}

/**
 * wdm_seh_raise() - raise an exception in the current context
 * @code: its status
 *
 * Does not return if a frame of the context takes the exception: control
 * continues in its innermost frame. Must be called with no lock held and
 * nothing of the caller's own left to undo.
 *
 * Return: false, with nothing changed, if no __except frame is reachable
 * (none registered, or a barrier first).
 */
bool wdm_seh_raise(NTSTATUS code)
{
	const void *context = wdm_seh_context();
	struct wdm_seh_frame *top, *f;
	struct wdm_seh_bucket *b;
	struct wdm_seh_slot *slot;
	struct hlist_node *n;
	unsigned long flags;
	bool found = false;

	if (!context)
		return false;
	b = wdm_seh_bucket(context);
	spin_lock_irqsave(&b->lock, flags);
	top = wdm_seh_top(b, context);
	for (n = top ? wdm_seh_node(top) : NULL; n; n = n->next) {
		f = wdm_seh_frame_of(n);
		if (f->context != context)
			continue;
		if (f->kind == WDM_SEH_BARRIER)
			break;
		if (f->kind == WDM_SEH_EXCEPT) {
			found = true;
			break;
		}
	}
	if (!found) {
		spin_unlock_irqrestore(&b->lock, flags);
		return false;
	}
	hlist_del(wdm_seh_node(top));
	top->state = WDM_SEH_LANDED;
	top->code = code;
	slot = wdm_seh_slot(b, context, true);
	slot->code = code;
	slot->stamp = atomic_long_inc_return(&wdm_seh_stamp);
	slot->finally_pending = top->kind == WDM_SEH_FINALLY;
	spin_unlock_irqrestore(&b->lock, flags);
	wdm_seh_unpoison_stack(top);
	wdm_seh_jump(top->jb);
	return true;
}
EXPORT_SYMBOL_WDM(wdm_seh_raise);

/**
 * wdm_seh_raise_from() - raise @code for a routine of wdmshim; report it
 * if nothing takes it
 * @who: the driver that called the routine, for the report
 * @routine: the routine's name
 * @code: the exception
 *
 * Return: only if no __except frame took the exception (the routine then
 * goes on as documented for that case).
 */
void wdm_seh_raise_from(const char *who, const char *routine, NTSTATUS code)
{
	if (!wdm_seh_raise(code))
		wdm_report(who, "%s raised 0x%08x with no exception handler: the call returns",
			   routine, code);
}

/**
 * wdm_seh_filter() - act on the result of an __except filter
 * @frame: the frame the exception landed in
 * @disposition: the filter's value
 *
 * EXCEPTION_EXECUTE_HANDLER (any value > 0) runs the __except block;
 * EXCEPTION_CONTINUE_SEARCH passes the exception to the next frame, and
 * EXCEPTION_CONTINUE_EXECUTION raises STATUS_NONCONTINUABLE_EXCEPTION
 * there: none of these exceptions can be resumed. When no frame is left
 * to take it, that is reported and execution goes on after the __try
 * statement.
 *
 * Return: 1 to run the __except block, else 0.
 */
LONG wdm_seh_filter(struct wdm_seh_frame *frame, LONG disposition)
{
	NTSTATUS code;

	if (disposition > 0)
		return 1;
	code = disposition < 0 ? STATUS_NONCONTINUABLE_EXCEPTION : frame->code;
	if (!wdm_seh_raise(code))
		wdm_report(wdm_caller_name(_RET_IP_),
			   "exception 0x%08x not taken by any __except filter: execution goes on after the __try statement",
			   code);
	return 0;
}
EXPORT_SYMBOL_WDM(wdm_seh_filter);

/**
 * wdm_seh_exception_code() - GetExceptionCode()
 *
 * Return: the code of the exception that landed last in the current
 * context, or STATUS_UNSUCCESSFUL if it is not known (any more).
 */
NTSTATUS wdm_seh_exception_code(void)
{
	const void *context = wdm_seh_context();
	NTSTATUS code = STATUS_UNSUCCESSFUL;
	struct wdm_seh_slot *slot;
	struct wdm_seh_bucket *b;
	unsigned long flags;

	if (!context)
		return code;
	b = wdm_seh_bucket(context);
	spin_lock_irqsave(&b->lock, flags);
	slot = wdm_seh_slot(b, context, false);
	if (slot)
		code = slot->code;
	spin_unlock_irqrestore(&b->lock, flags);
	return code;
}
EXPORT_SYMBOL_WDM(wdm_seh_exception_code);

/**
 * wdm_seh_finally_enter() - the state a __finally block starts with
 *
 * Return: abnormal with the exception's code if the __try body was ended
 * by an exception that landed in its frame just now.
 */
struct wdm_seh_finally wdm_seh_finally_enter(void)
{
	const void *context = wdm_seh_context();
	struct wdm_seh_finally fin = { 0 };
	struct wdm_seh_slot *slot;
	struct wdm_seh_bucket *b;
	unsigned long flags;

	if (!context)
		return fin;
	b = wdm_seh_bucket(context);
	spin_lock_irqsave(&b->lock, flags);
	slot = wdm_seh_slot(b, context, false);
	if (slot && slot->finally_pending) {
		slot->finally_pending = false;
		fin.abnormal = TRUE;
		fin.code = slot->code;
	}
	spin_unlock_irqrestore(&b->lock, flags);
	return fin;
}
EXPORT_SYMBOL_WDM(wdm_seh_finally_enter);

/**
 * wdm_seh_finally_pass() - enter a __finally block, or end it
 * @fin: its state
 *
 * At the end of a block run for an exception, the exception goes on to
 * the next frame; if none takes it any more, that is reported and
 * execution goes on after the __try statement.
 *
 * Return: TRUE the first time (run the block), FALSE after it.
 */
BOOLEAN wdm_seh_finally_pass(struct wdm_seh_finally *fin)
{
	if (fin->pass++ == 0)
		return TRUE;
	if (fin->abnormal && !wdm_seh_raise(fin->code))
		wdm_report(wdm_caller_name(_RET_IP_),
			   "exception 0x%08x not taken by any __except filter after the __finally blocks: execution goes on after the __try statement",
			   fin->code);
	return FALSE;
}
EXPORT_SYMBOL_WDM(wdm_seh_finally_pass);

/**
 * wdm_seh_finally_cleanup() - a __finally block was left
 * @fin: its state
 *
 * Left by return, goto or break while an exception passed through, the
 * block ends the exception (as on Windows): reported.
 */
void wdm_seh_finally_cleanup(struct wdm_seh_finally *fin)
{
	if (fin->pass < 2 && fin->abnormal)
		wdm_report(wdm_caller_name(_RET_IP_),
			   "left a __finally block by return, goto or break during exception 0x%08x: the exception is dropped",
			   fin->code);
}
EXPORT_SYMBOL_WDM(wdm_seh_finally_cleanup);

/**
 * wdm_seh_barrier_push() - stop exceptions at this point of wdmshim code
 * @frame: a frame on the caller's stack
 *
 * Between wdm_seh_barrier_push() and wdm_seh_barrier_pop() a raise in the
 * current context cannot reach the frames registered before: wdmshim
 * calls a driver's routine there with work of its own to finish after.
 */
void wdm_seh_barrier_push(struct wdm_seh_frame *frame)
{
	frame->kind = WDM_SEH_BARRIER;
	wdm_seh_push(frame);
}
EXPORT_SYMBOL_WDM(wdm_seh_barrier_push);

/**
 * wdm_seh_barrier_pop() - end a barrier
 * @frame: the frame of wdm_seh_barrier_push()
 */
void wdm_seh_barrier_pop(struct wdm_seh_frame *frame)
{
	wdm_seh_remove(frame);
}
EXPORT_SYMBOL_WDM(wdm_seh_barrier_pop);

/**
 * wdm_seh_thread_exit() - forget the frames of the current task, which
 * ends without returning through them (PsTerminateSystemThread)
 */
void wdm_seh_thread_exit(void)
{
	const void *context = wdm_seh_context();
	struct wdm_seh_bucket *b;
	struct hlist_node *n, *tmp;
	struct wdm_seh_slot *slot;
	unsigned long flags;

	if (!context)
		return;
	b = wdm_seh_bucket(context);
	spin_lock_irqsave(&b->lock, flags);
	hlist_for_each_safe(n, tmp, &b->frames) {
		struct wdm_seh_frame *f = wdm_seh_frame_of(n);

		if (f->context != context)
			continue;
		hlist_del(n);
		f->state = WDM_SEH_DONE;
	}
	slot = wdm_seh_slot(b, context, false);
	if (slot)
		slot->context = NULL;
	spin_unlock_irqrestore(&b->lock, flags);
}

/**
 * ExRaiseStatus() - raise an exception with a status
 * @Status: the exception code GetExceptionCode() returns
 *
 * Control goes to the innermost __except of the thread that takes it.
 * With none, the raise is reported and ExRaiseStatus() returns.
 */
VOID NTAPI ExRaiseStatus(NTSTATUS Status)
{
	wdm_seh_raise_from(wdm_caller_name(_RET_IP_), __func__, Status);
}
EXPORT_SYMBOL_WDM(ExRaiseStatus);

/**
 * ExRaiseAccessViolation() - ExRaiseStatus(STATUS_ACCESS_VIOLATION)
 */
VOID NTAPI ExRaiseAccessViolation(void)
{
	wdm_seh_raise_from(wdm_caller_name(_RET_IP_), __func__,
			   STATUS_ACCESS_VIOLATION);
}
EXPORT_SYMBOL_WDM(ExRaiseAccessViolation);

/**
 * ExRaiseDatatypeMisalignment() - ExRaiseStatus(STATUS_DATATYPE_MISALIGNMENT)
 */
VOID NTAPI ExRaiseDatatypeMisalignment(void)
{
	wdm_seh_raise_from(wdm_caller_name(_RET_IP_), __func__,
			   STATUS_DATATYPE_MISALIGNMENT);
}
EXPORT_SYMBOL_WDM(ExRaiseDatatypeMisalignment);

void wdm_seh_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(wdm_seh_table); i++) {
		spin_lock_init(&wdm_seh_table[i].lock);
		INIT_HLIST_HEAD(&wdm_seh_table[i].frames);
	}
}
