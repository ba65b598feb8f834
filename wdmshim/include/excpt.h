/* SPDX-License-Identifier: GPL-2.0 */
/*
 * excpt.h - structured exception handling for drivers hosted by wdmshim:
 * __try/__except/__finally, __leave, GetExceptionCode(),
 * AbnormalTermination() and, for hosted drivers, the try/except/finally/
 * leave spellings of the WDK.
 *
 * What it means here. The exceptions are those that wdmshim's own routines
 * raise: ExRaiseStatus(), a failing ProbeForRead()/ProbeForWrite() and a
 * failing MmProbeAndLockPages(). Such a raise transfers control to the
 * innermost __try of the current thread (or of the current interrupt
 * level of the CPU) whose __except filter takes it, running the __finally
 * blocks in between, as the WDK's compiler does. A hardware fault (a bad
 * pointer dereferenced) is no exception on Linux: it oopses as any other
 * kernel bug. The differences from Windows, all documented in README.md:
 *
 * - __finally blocks of inner frames run as the raise passes them, before
 *   the filters of outer frames are evaluated (Windows evaluates all the
 *   filters first);
 * - a raise that no __except frame of the thread can take is reported and
 *   the raising routine returns to its caller (Windows would bug-check);
 * - an exception does not pass back through a wdmshim routine that called
 *   the driver's code it was raised in (a completion, cancel, CSQ,
 *   KeSynchronizeExecution or DMA callback, the lower drivers of
 *   IoForwardIrpSynchronously): there it counts as not taken;
 * - a filter returning EXCEPTION_CONTINUE_EXECUTION raises
 *   STATUS_NONCONTINUABLE_EXCEPTION, as Windows does for the
 *   non-continuable exceptions all of these are;
 * - leaving a __try body by return, goto or break is honoured for
 *   __except (the frame is unregistered) but skips a __finally block
 *   (reported when it happens);
 * - break and continue inside a __finally block end that block;
 * - GetExceptionCode() returns the code of the exception the thread
 *   handled last: inside an __except block it is that block's, unless a
 *   nested __try inside the block has handled another one since.
 *
 * How. __try registers a frame on the stack of the function using it,
 * around GCC's __builtin_setjmp; the raise goes back there with
 * __builtin_longjmp. The body of a __try is a statement expression, so
 * break, continue, return and goto in it and in an __except block reach
 * the statements they name in the driver's code. Nothing here is API:
 * only the macros and constants are.
 */
#ifndef _WDMSHIM_EXCPT_H
#define _WDMSHIM_EXCPT_H

/* Filter results */
#define EXCEPTION_EXECUTE_HANDLER	1
#define EXCEPTION_CONTINUE_SEARCH	0
#define EXCEPTION_CONTINUE_EXECUTION	(-1)

/* Frame kinds and states (ex/seh.c) */
#define WDM_SEH_EXCEPT		1
#define WDM_SEH_FINALLY		2
#define WDM_SEH_BARRIER		3
#define WDM_SEH_IDLE		0
#define WDM_SEH_ACTIVE		1
#define WDM_SEH_DONE		2
#define WDM_SEH_LANDED		3

/* One __try, on the stack of the function that runs it. */
struct wdm_seh_frame {
	void *jb[5];		/* __builtin_setjmp buffer: frame, landing, stack */
	void *link[2];		/* in the chain of its context (ex/seh.c) */
	void *context;		/* the thread or interrupt level it belongs to */
	NTSTATUS code;		/* the exception that landed here */
	UCHAR kind;		/* WDM_SEH_EXCEPT, _FINALLY or _BARRIER */
	UCHAR state;		/* WDM_SEH_IDLE, _ACTIVE, _DONE or _LANDED */
};

/* One __finally block being run. */
struct wdm_seh_finally {
	NTSTATUS code;		/* the exception passing through, if abnormal */
	BOOLEAN abnormal;	/* the __try body ended by an exception */
	UCHAR pass;		/* times the block was entered or left */
};

#ifdef __CHECKER__
int __builtin_setjmp(void *buf);
#endif

void wdm_seh_push(struct wdm_seh_frame *frame);
void wdm_seh_pop(struct wdm_seh_frame *frame);
void wdm_seh_cleanup(struct wdm_seh_frame *frame);
LONG wdm_seh_filter(struct wdm_seh_frame *frame, LONG disposition);
NTSTATUS wdm_seh_exception_code(void);
struct wdm_seh_finally wdm_seh_finally_enter(void);
BOOLEAN wdm_seh_finally_pass(struct wdm_seh_finally *fin);
void wdm_seh_finally_cleanup(struct wdm_seh_finally *fin);

/*
 * The frame's kind is set (by a jump to the __except or __finally part)
 * before it is registered, so that a raise knows whether any __except
 * frame waits for it before unwinding anything. The landing test reads
 * the frame's state from memory: __builtin_longjmp comes back right
 * after __builtin_setjmp.
 */
#define __try								\
	if (({								\
		__label__ _wdm_seh_leave, _wdm_seh_kind, _wdm_seh_body;	\
		struct wdm_seh_frame _wdm_seh				\
			__attribute__((__cleanup__(wdm_seh_cleanup))) =	\
			{ .state = WDM_SEH_IDLE };			\
		LONG _wdm_seh_take = 0;					\
									\
		if (_wdm_seh_take)					\
			goto _wdm_seh_leave;				\
		goto _wdm_seh_kind;					\
_wdm_seh_body:								\
		__builtin_setjmp(_wdm_seh.jb);				\
		if (*(volatile UCHAR *)&_wdm_seh.state != WDM_SEH_LANDED) { \
			wdm_seh_push(&_wdm_seh);

/* The end of a __try body: a __leave lands here, a normal end passes. */
#define WDM_SEH_BODY_END						\
_wdm_seh_leave:								\
			wdm_seh_pop(&_wdm_seh);				\
		}

#define __except(filter)						\
		WDM_SEH_BODY_END					\
		else {							\
			_wdm_seh_take = wdm_seh_filter(&_wdm_seh,	\
						       (LONG)(filter));	\
		}							\
		if (0) {						\
_wdm_seh_kind:								\
			_wdm_seh.kind = WDM_SEH_EXCEPT;			\
			goto _wdm_seh_body;				\
		}							\
		_wdm_seh_take;						\
	}))

#define __finally							\
		WDM_SEH_BODY_END					\
		if (0) {						\
_wdm_seh_kind:								\
			_wdm_seh.kind = WDM_SEH_FINALLY;		\
			goto _wdm_seh_body;				\
		}							\
		1;							\
	}))								\
		for (struct wdm_seh_finally _wdm_seh_fin		\
			__attribute__((__cleanup__(wdm_seh_finally_cleanup))) = \
			wdm_seh_finally_enter();			\
		     wdm_seh_finally_pass(&_wdm_seh_fin);)

#define __leave goto _wdm_seh_leave

#define _exception_code() wdm_seh_exception_code()
#define GetExceptionCode _exception_code
#define _abnormal_termination() ((BOOLEAN)_wdm_seh_fin.abnormal)
#define AbnormalTermination _abnormal_termination

/* The WDK's spellings without underscores (ordinary words in Linux code). */
#ifndef WDMSHIM_HOST
#define try __try
#define except __except
#define finally __finally
#define leave __leave
#define exception_code _exception_code
#define abnormal_termination _abnormal_termination
#endif

#endif /* _WDMSHIM_EXCPT_H */
