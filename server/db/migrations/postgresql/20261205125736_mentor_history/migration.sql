-- AlterEnum
ALTER TYPE "PayTerm" ADD VALUE 'MENTOR';

