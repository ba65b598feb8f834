// SPDX-License-Identifier: GPL-2.0
/*
 * ke/time.c - time in Windows units: system time in 100 ns units since
 * 1601-01-01 (UTC, the real-time clock), interrupt time in 100 ns units
 * since boot (the boot-time clock, so it includes suspend, as Windows'
 * does), ticks of the Linux timer interrupt (jiffies) and a 10 MHz
 * performance counter on the monotonic clock.
 */
#include <linux/jiffies.h>
#include <linux/processor.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include "ke.h"

/* KeQueryPerformanceCounter's frequency: 100 ns ticks, as on Windows 10. */
#define WDM_PERF_FREQUENCY 10000000LL

/**
 * KeQuerySystemTime() - the system time, at tick resolution
 * @CurrentTime: receives 100 ns units since 1601-01-01 UTC
 */
VOID NTAPI KeQuerySystemTime(PLARGE_INTEGER CurrentTime)
{
	struct timespec64 ts;

	ktime_get_coarse_real_ts64(&ts);
	CurrentTime->QuadPart = timespec64_to_ns(&ts) / 100 + WDM_EPOCH_DELTA;
}
EXPORT_SYMBOL_WDM(KeQuerySystemTime);

/**
 * KeQuerySystemTimePrecise() - the system time, as precise as the clock
 * @CurrentTime: receives 100 ns units since 1601-01-01 UTC
 */
VOID NTAPI KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime)
{
	CurrentTime->QuadPart = ktime_get_real_ns() / 100 + WDM_EPOCH_DELTA;
}
EXPORT_SYMBOL_WDM(KeQuerySystemTimePrecise);

/**
 * KeQueryTimeIncrement() - the length of a clock tick
 *
 * Return: 100 ns units per tick of KeQueryTickCount().
 */
ULONG NTAPI KeQueryTimeIncrement(void)
{
	return TICK_NSEC / 100;
}
EXPORT_SYMBOL_WDM(KeQueryTimeIncrement);

/**
 * KeQueryTickCount() - clock ticks since boot
 * @TickCount: receives the count; times KeQueryTimeIncrement() it is
 *	100 ns units
 */
VOID NTAPI KeQueryTickCount(PLARGE_INTEGER TickCount)
{
	TickCount->QuadPart = get_jiffies_64() - INITIAL_JIFFIES;
}
EXPORT_SYMBOL_WDM(KeQueryTickCount);

/**
 * KeQueryInterruptTime() - time since boot
 *
 * Return: 100 ns units since boot, suspend included.
 */
ULONGLONG NTAPI KeQueryInterruptTime(void)
{
	return ktime_get_boottime_ns() / 100;
}
EXPORT_SYMBOL_WDM(KeQueryInterruptTime);

/**
 * KeQueryPerformanceCounter() - a high-resolution monotonic counter
 * @PerformanceFrequency: NULL, or receives the counts per second
 *
 * Return: the count (100 ns units of the monotonic clock).
 */
LARGE_INTEGER NTAPI KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency)
{
	LARGE_INTEGER c;

	if (PerformanceFrequency)
		PerformanceFrequency->QuadPart = WDM_PERF_FREQUENCY;
	c.QuadPart = ktime_get_ns() / 100;
	return c;
}
EXPORT_SYMBOL_WDM(KeQueryPerformanceCounter);

/**
 * KeStallExecutionProcessor() - busy-wait, at any IRQL
 * @MicroSeconds: how long; the WDK asks for no more than 50
 *
 * Spins on the monotonic clock rather than udelay(), whose calibration
 * an emulated processor does not honour: the wait is never shorter than
 * asked.
 */
VOID NTAPI KeStallExecutionProcessor(ULONG MicroSeconds)
{
	u64 end = ktime_get_ns() + (u64)MicroSeconds * NSEC_PER_USEC;

	while (ktime_get_ns() < end)
		cpu_relax();
}
EXPORT_SYMBOL_WDM(KeStallExecutionProcessor);
