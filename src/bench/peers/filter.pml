/*
 * Peterson's filter lock for N processes, the model of spec/filter/filter.ts
 * written in Promela so that SPIN's time and state count can be set beside
 * sptecheck's (`sptecheck check filter --set N=6 --no-deadlock`). It is the
 * same transition system: the same three arrays pc, level and victim, and
 * each of the four actions (Enter, SetVictim, Advance, Exit) of process i is
 * one d_step, so one sptecheck action is one SPIN transition; the Advance
 * guard (victim[level[i]] != i, or every other process below level[i]) is one
 * expression built by the preprocessor. There is no init process (the N
 * processes are `active`) and each one's program counter stays at the head
 * of its loop, so SPIN's "states, stored" equals sptecheck's distinct states.
 * Mutual exclusion (at most one process in cs) is asserted at the end of
 * every step. N defaults to 6 (2..8); run, e.g. for N=5:
 *   spin -DN=5 -a filter.pml && gcc -O2 -DSAFETY -DNOBOUNDCHECK -o pan pan.c && ./pan -m1000000
 * (add -DNOREDUCE to gcc to turn SPIN's partial-order reduction off;
 * src/bench/peers/spin.sh does both in a temporary directory).
 */

#ifndef N
#define N 6
#endif

#if N < 2 || N > 8
#error N must be in 2..8, as in spec/filter
#endif

/* pc values: byte constants, so that every array starts at ncs (0). */
#define NCS  0
#define SETV 1
#define WAIT 2
#define CS   3

byte pc[N];      /* where each process is in its protocol */
byte level[N];   /* the level each process has reached (0 = not competing) */
byte victim[N];  /* victim[l], l in 1..N-1: the last process to enter level l */

/* (k == i || level[k] < level[i]) for every k < N, joined by &&. */
#define BELOW(k) ((k) == _pid || level[k] < level[_pid])
#if N > 2
#define B2 && BELOW(2)
#else
#define B2
#endif
#if N > 3
#define B3 && BELOW(3)
#else
#define B3
#endif
#if N > 4
#define B4 && BELOW(4)
#else
#define B4
#endif
#if N > 5
#define B5 && BELOW(5)
#else
#define B5
#endif
#if N > 6
#define B6 && BELOW(6)
#else
#define B6
#endif
#if N > 7
#define B7 && BELOW(7)
#else
#define B7
#endif
#define ALL_BELOW (BELOW(0) && BELOW(1) B2 B3 B4 B5 B6 B7)

/* The number of processes in cs. */
#define IN_CS(k) (pc[k] == CS -> 1 : 0)
#if N > 2
#define C2 + IN_CS(2)
#else
#define C2
#endif
#if N > 3
#define C3 + IN_CS(3)
#else
#define C3
#endif
#if N > 4
#define C4 + IN_CS(4)
#else
#define C4
#endif
#if N > 5
#define C5 + IN_CS(5)
#else
#define C5
#endif
#if N > 6
#define C6 + IN_CS(6)
#else
#define C6
#endif
#if N > 7
#define C7 + IN_CS(7)
#else
#define C7
#endif
#define MUTEX assert(IN_CS(0) + IN_CS(1) C2 C3 C4 C5 C6 C7 <= 1)

/* Process _pid (0..N-1: there is no init process). */
active [N] proctype P()
{
  do
  :: d_step { /* Enter */
       pc[_pid] == NCS ->
       level[_pid] = 1; pc[_pid] = SETV; MUTEX
     }
  :: d_step { /* SetVictim */
       pc[_pid] == SETV ->
       victim[level[_pid]] = _pid; pc[_pid] = WAIT; MUTEX
     }
  :: d_step { /* Advance */
       pc[_pid] == WAIT && (victim[level[_pid]] != _pid || ALL_BELOW) ->
       if
       :: level[_pid] == N - 1 -> pc[_pid] = CS
       :: else -> level[_pid] = level[_pid] + 1; pc[_pid] = SETV
       fi;
       MUTEX
     }
  :: d_step { /* Exit */
       pc[_pid] == CS ->
       level[_pid] = 0; pc[_pid] = NCS; MUTEX
     }
  od
}
