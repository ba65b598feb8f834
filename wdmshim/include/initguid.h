/* SPDX-License-Identifier: GPL-2.0 */
/*
 * initguid.h - include before the headers whose DEFINE_GUIDs this file of
 * the driver is to define (rather than only declare).
 */
#define INITGUID
#undef DEFINE_GUID
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	extern const GUID name; \
	const GUID name __attribute__((weak)) = \
		WDM_GUID_INIT(l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)
