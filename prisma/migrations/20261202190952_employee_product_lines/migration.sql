-- AlterTable
ALTER TABLE "Employee" ADD COLUMN     "productLines" TEXT[] DEFAULT ARRAY[]::TEXT[];

