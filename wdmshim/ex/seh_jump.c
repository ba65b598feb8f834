// SPDX-License-Identifier: GPL-2.0
/*
 * ex/seh_jump.c - the jump of a raise into the frame of a __try
 * (ex/seh.c). It replaces the stack pointer and continues in another
 * function, which objtool's stack validation cannot follow: this file
 * holds nothing else, and only this function is exempted.
 */
#include <linux/objtool.h>
#include "../wdm_internal.h"

#ifdef __CHECKER__
void __builtin_longjmp(void *buf, int value);
#endif

/**
 * wdm_seh_jump() - continue after the __builtin_setjmp of a frame
 * @jb: the frame's buffer
 *
 * Does not return, but is not declared so: the callers' code after the
 * call keeps objtool's view of them simple.
 */
void wdm_seh_jump(void **jb)
{
	__builtin_longjmp(jb, 1);
}

STACK_FRAME_NON_STANDARD(wdm_seh_jump);
