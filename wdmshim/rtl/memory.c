// SPDX-License-Identifier: GPL-2.0
/*
 * rtl/memory.c - the memory routines that are functions rather than macros.
 */
#include "../wdm_internal.h"

/**
 * RtlCompareMemory() - count the leading bytes two blocks share
 * @Source1: first block
 * @Source2: second block
 * @Length: bytes to compare
 *
 * Return: the number of bytes that match before the first difference
 * (@Length if all do).
 */
SIZE_T NTAPI RtlCompareMemory(const VOID *Source1, const VOID *Source2,
			      SIZE_T Length)
{
	const u8 *a = Source1, *b = Source2;
	SIZE_T i;

	for (i = 0; i < Length; i++)
		if (a[i] != b[i])
			break;
	return i;
}
EXPORT_SYMBOL_WDM(RtlCompareMemory);
