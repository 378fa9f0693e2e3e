export * from './app.js';
export * from './l1/stack.js';
export * from './l2/eks-platform.js';
export * from './l2/fixed-subnet-cidrs.js';
export * from './l2/stack.js';
export * from './synthesize.js';
